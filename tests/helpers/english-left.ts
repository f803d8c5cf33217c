// What is left of English prose in a Russian text once quoted user input, code and names are taken
// out: a Russian screen or message should leave nothing.

const NAMES = /\b(JSON|NDJSON|CSV|null|true|false|faker|uuid|int|float|pick|min|max|base64|hex)\b/g;

export function englishLeftIn(text: string): string[] {
  const prose = text
    .replace(/«[^»]*»|"[^"]*"|'[^']*'|“[^”]*”/g, ' ')
    .replace(NAMES, ' ')
    // Code such as faker.person.firstName, int(min, max) or items[0].sku.
    .replace(/[\w.]*[.(<[][\w.()<>[\], ]*/g, ' ');
  return prose.match(/[A-Za-z]{3,}/g) ?? [];
}
