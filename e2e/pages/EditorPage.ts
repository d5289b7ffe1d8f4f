import { expect, type Locator, type Page } from '@playwright/test';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Document } from '../../shared/model/schema';

/** The document view and spans panel, as a user drives them. */
export class EditorPage {
  readonly view: Locator;
  readonly spanRows: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId('document-view');
    this.spanRows = page.getByTestId('span-row');
  }

  /**
   * Select the nth occurrence of `text` in the document with a real DOM
   * selection, as a mouse drag would leave it.
   */
  async select(text: string, nth = 0): Promise<void> {
    await this.view.locator('[data-offset]').first().waitFor();
    const ok = await this.page.evaluate(
      ([needle, n]) => {
        const root = document.querySelector('[data-testid="document-view"]')!;
        const runs = [...root.querySelectorAll<HTMLElement>('[data-offset]')];
        // long documents render a window of paragraphs: search the rendered text, from the window's first offset
        const base = runs.length ? Number(runs[0]!.dataset.offset) : 0;
        let full = '';
        for (const r of runs) {
          const at = Number(r.dataset.offset) - base;
          while (full.length < at) full += '\n';
          full += r.textContent ?? '';
        }
        let idx = -1;
        for (let i = 0; i <= n; i++) idx = full.indexOf(needle, idx + 1);
        if (idx < 0) return false;
        idx += base;
        const locate = (offset: number): [Node, number] => {
          let best = runs[0]!;
          for (const r of runs) if (Number(r.dataset.offset) <= offset) best = r;
          return [best.firstChild ?? best, offset - Number(best.dataset.offset)];
        };
        const [a, ao] = locate(idx);
        const [b, bo] = locate(idx + needle.length);
        const range = document.createRange();
        range.setStart(a, ao);
        range.setEnd(b, bo);
        const sel = window.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return true;
      },
      [text, nth] as const,
    );
    expect(ok, `"${text}" should be in the document`).toBe(true);
  }

  async label(text: string, key: string, nth = 0): Promise<void> {
    await this.select(text, nth);
    await this.page.keyboard.press(key);
  }

  highlight(spanText: string): Locator {
    return this.view.locator('[data-span-ids]', { hasText: spanText });
  }

  row(label: string, text: string): Locator {
    return this.spanRows.filter({ hasText: text }).and(this.page.locator(`[data-label="${label}"]`));
  }
}

/** Read a document as saved on disk, by id or title, from a corpus folder. */
export async function readSavedDocument(corpusDir: string, idOrTitle: string): Promise<Document> {
  const docsDir = path.join(corpusDir, 'docs');
  for (const f of await readdir(docsDir)) {
    if (!f.endsWith('.json')) continue;
    const doc = JSON.parse(await readFile(path.join(docsDir, f), 'utf8')) as Document;
    if (doc.id === idOrTitle || doc.title === idOrTitle) return doc;
  }
  throw new Error(`No saved document ${idOrTitle} in ${corpusDir}`);
}
