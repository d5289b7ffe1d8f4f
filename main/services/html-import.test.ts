import { describe, expect, it } from 'vitest';
import { htmlToArticle } from './html-import';

const paragraphs = Array.from({ length: 4 }, (_, i) => `<p>Paragraph ${i + 1}: officials said on Sunday that at least 60 soldiers were killed in the strikes near the airport, according to the ministry statement released later.</p>`).join('\n');

const hostile = `<!doctype html>
<html><head>
  <title>Strike near Deir ez-Zor | Example News</title>
  <link rel="canonical" href="https://news.example/strike">
  <script>globalThis.__pwned = 'script'; window.parent && (window.parent.__pwned = 'script');</script>
  <script src="https://evil.example/x.js"></script>
</head>
<body onload="globalThis.__pwned = 'body'">
  <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport NAVLINK</a></nav>
  <article>
    <h1>Strike near Deir ez-Zor</h1>
    ${paragraphs}
    <p>Read the <a href="javascript:globalThis.__pwned='link'">full   statement</a><br>here.</p>
    <img src="x" onerror="globalThis.__pwned = 'img'">
    <svg onload="globalThis.__pwned = 'svg'"><text>SVGTEXT</text></svg>
    <iframe src="javascript:globalThis.__pwned='iframe'"></iframe>
  </article>
  <section class="comments"><h3>Comments</h3><form><textarea>Write a comment COMMENTFORM</textarea><button>Post</button></form></section>
  <footer>© Example News FOOTER</footer>
</body></html>`;

describe('htmlToArticle', () => {
  it('extracts the article text with paragraph breaks and runs nothing', async () => {
    const out = htmlToArticle(hostile, { fileName: 'strike.html' });
    // give any queued handler a chance to fire
    await new Promise((r) => setTimeout(r, 50));
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
    expect(out.title).toMatch(/Strike near Deir ez-Zor/);
    expect(out.url).toBe('https://news.example/strike');
    expect(out.text).toContain('Paragraph 1: officials said');
    expect(out.text).toContain('.\n\nParagraph 2:');
    expect(out.text).toContain('Read the full statement\nhere.');
    for (const junk of ['NAVLINK', 'COMMENTFORM', 'SVGTEXT', '__pwned', 'evil.example']) expect(out.text).not.toContain(junk);
  });

  it('falls back to the body text for short pages', () => {
    const out = htmlToArticle('<html><head><title>Short</title></head><body><nav>Menu</nav><p>One line.</p><p>Two <b>lines</b>.</p><script>x=1</script></body></html>');
    expect(out.title).toBe('Short');
    expect(out.text).toBe('One line.\n\nTwo lines.');
  });

  it('ignores non-http canonical links', () => {
    const out = htmlToArticle('<html><head><link rel="canonical" href="javascript:alert(1)"></head><body><p>x</p></body></html>', { fileName: 'a.html' });
    expect(out.url).toBeUndefined();
    expect(out.title).toBe('a');
  });
});
