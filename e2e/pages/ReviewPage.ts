import { expect, type Locator, type Page } from '@playwright/test';

/** The review view, as a reviewer drives it: mostly from the keyboard. */
export class ReviewPage {
  readonly view: Locator;
  readonly docRows: Locator;
  readonly candidates: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId('review-view');
    this.docRows = page.getByTestId('review-doc-row');
    this.candidates = page.getByTestId('candidate-row');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('view-review').click();
    await expect(this.view).toBeVisible();
  }

  /** A candidate row by label and exact text. */
  candidate(label: string, text: string): Locator {
    return this.page.locator(`[data-testid="candidate-row"][data-label="${label}"]`).filter({ hasText: `“${text}”` });
  }

  current(): Locator {
    return this.page.locator('[data-testid="candidate-row"][aria-current="true"]');
  }

  async press(...keys: string[]): Promise<void> {
    for (const k of keys) await this.page.keyboard.press(k);
  }
}
