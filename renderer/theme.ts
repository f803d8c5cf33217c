// The chosen theme as an attribute on <html>: styles.css turns it into `color-scheme`, and every
// colour variable follows the used scheme (light-dark()), native controls and scrollbars included.
import type { Theme } from '../electron/shared/names';

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}
