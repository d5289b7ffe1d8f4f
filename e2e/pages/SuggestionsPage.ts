import { expect, type Locator, type Page } from '@playwright/test';

/** The suggestion layer: the bar above the document and the dashed outlines in it. */
export class SuggestionsPage {
  readonly bar: Locator;
  readonly current: Locator;
  readonly outlines: Locator;

  constructor(readonly page: Page) {
    this.bar = page.getByTestId('suggest-bar');
    this.current = page.getByTestId('suggestion-current');
    this.outlines = page.locator('[data-testid="document-view"] .sm-hl.sg');
  }

  /** Press `]` until the current suggestion shows `text` (suggestions arrive from a worker, so wait for them first). */
  async goTo(text: string, max = 30): Promise<void> {
    await expect(this.outlines.first()).toBeVisible({ timeout: 90_000 });
    for (let i = 0; i < max; i++) {
      await this.page.keyboard.press(']');
      await expect(this.current).toBeVisible();
      if (((await this.current.textContent()) ?? '').includes(text)) return;
    }
    throw new Error(`no suggestion "${text}"`);
  }

  outline(text: string): Locator {
    return this.outlines.filter({ hasText: text });
  }
}
