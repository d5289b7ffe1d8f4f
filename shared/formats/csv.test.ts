import { describe, expect, it } from 'vitest';
import { goldenCorpus } from './__fixtures__/golden';
import { csvCell, exportCsv } from './csv';
import { parseCsv } from './__fixtures__/parse-csv';


describe('CSV export', () => {
  it('writes one row per span that parses back exactly', () => {
    const corpus = goldenCorpus();
    const out = exportCsv(corpus);
    const text = out.files[0]!.data as string;
    expect(text.startsWith('\uFEFFdocument_id,document_title,span_id,label,start,end,text,annotator,note,attributes\r\n')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(1 + 10);
    const claim = rows.find((r) => r[2] === 's2')!;
    expect(claim).toEqual(['doc-1', 'Strike report', 's2', 'claim', '24', '57', 'The strike 🚀 killed 62 servicemen', 'alice', 'contested, see AP', '{"certainty":"high","negated":true}']);
    const utf16 = parseCsv((exportCsv(corpus, { offsets: 'utf16' }).files[0]!.data as string).slice(1)).find((r) => r[2] === 's2')!;
    expect(utf16.slice(4, 6)).toEqual(['27', '61']);
  });

  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    for (const bad of ['+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(bad).replace(/^"/, '')[0]).toBe("'");
    expect(csvCell(12)).toBe('12');
  });

  it('applies filters', () => {
    const out = exportCsv(goldenCorpus(), { filters: { annotators: ['bob'] } });
    expect(out.spans).toBe(3);
  });
});
