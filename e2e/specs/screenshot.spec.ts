import { test, expect } from '../fixtures';

// Keeps a picture of the sample corpus for the README and for reviewers; asserts the view is populated.
test('the annotated sample renders legibly', async ({ app }, testInfo) => {
  const { page } = app;
  await expect(page.locator('[data-testid="document-view"] [data-span-ids]').first()).toBeVisible();
  await page.getByTestId('tab-who').click();
  await expect(page.getByTestId('claim-chain').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('sample.png') });
  await page.screenshot({ path: 'reports/sample-corpus.png' });
});
