// One screenshot in each theme: <name>.png light, <name>-dark.png dark. The app's theme setting is
// "System" in the shots, so switching the emulated system scheme switches the app.
import type { Page } from 'playwright-core';

export async function shootThemes(page: Page, file: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: file.replace(/\.png$/, '-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: file });
}
