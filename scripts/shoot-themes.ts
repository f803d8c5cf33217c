// One screenshot in each theme: <name>.png light, <name>-dark.png dark. The app's theme setting is
// "System" in the shots, so switching the emulated system scheme switches the app.
import type { Page } from 'playwright-core';

export async function shootThemes(page: Page, file: string): Promise<void> {
  // Picking the language leaves focus on the settings menu's button; a user's next click takes it away.
  await page.evaluate(() => {
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && focused.closest('.settings-menu')) focused.blur();
  });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: file.replace(/\.png$/, '-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: file });
}
