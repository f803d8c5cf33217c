// The UI language and theme are picked in the top bar's settings menu: opened, picked, closed, as a
// user does. For the tests and the screenshot scripts alike.
import type { Page } from 'playwright-core';

export async function pickSetting(
  page: Page,
  setting: 'language' | 'theme',
  choice: string | { label: string },
): Promise<void> {
  const menu = page.locator('.settings-menu');
  const open = () => menu.evaluate((details: HTMLDetailsElement) => details.open);
  if (!(await open())) await menu.locator('summary').click();
  await page.locator(`#${setting}-select`).selectOption(choice);
  await page.keyboard.press('Escape');
}
