// Every screen shows a value that is not there the same way — a dash — never a blank cell, "none"
// or "n/a", so a reader learns it once (history, response, read-back, run report, stream browser).
export const EMPTY_VALUE = '—';

/** The value as text, or the dash when it is missing or blank. */
export function shown(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return EMPTY_VALUE;
  const text = String(value);
  return text.trim() === '' ? EMPTY_VALUE : text;
}
