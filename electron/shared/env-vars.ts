// Environment variables of a workspace: `{{env.NAME}}` in a request's text fields takes the value
// NAME has in the chosen environment. The names and the reference syntax, for both sides.

/** A variable's name: a letter or `_`, then letters, digits or `_` (up to 64). */
export const ENV_VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** An environment's name, also its file name (environments/<name>.yaml). */
export const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** `{{env.NAME}}`, spaces allowed inside the braces; group 1 is the name. Global: reset lastIndex or use matchAll. */
export const ENV_REFERENCE = /\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]{0,63})\s*\}\}/g;

/** A text that is one reference and nothing else (a run plan's number given as `{{env.RATE}}`); group 1 is the name. */
export const ENV_REFERENCE_ALONE = /^\s*\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]{0,63})\s*\}\}\s*$/;

/** The names a text refers to, each once, in order of first use. */
export function referencesIn(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(ENV_REFERENCE)) names.add(m[1]);
  return [...names];
}

/** Whether the variables hold this name (own keys only: `{{env.constructor}}` is not a variable). */
export const hasVariable = (variables: Readonly<Record<string, string>>, name: string) =>
  Object.hasOwn(variables, name);

/** The names a text refers to that the variables lack: the one rule for "unknown variable", both sides. */
export const missingIn = (text: string, variables: Readonly<Record<string, string>>): string[] =>
  referencesIn(text).filter((name) => !hasVariable(variables, name));

/**
 * The text with each reference replaced by its value, in one pass: a value that itself holds
 * `{{env.X}}` stays as it is. Other `{{…}}` (a template's placeholders) are left alone. A missing
 * name leaves its reference in place; callers check with missingIn first.
 */
export const substituteIn = (text: string, variables: Readonly<Record<string, string>>): string =>
  text.replace(ENV_REFERENCE, (ref, name: string) => (hasVariable(variables, name) ? variables[name] : ref));

/** How much one environment holds: variables, and characters in one value. */
export const ENV_LIMITS = { variables: 1000, valueChars: 64 * 1024 } as const;

/**
 * Whether a variable's name says it holds a secret (SECRET, PASSWORD, TOKEN, KEY as a word of
 * it: API_KEY, dbPassword, but not MONKEY): the editor warns that workspace files are shared.
 */
export function looksSecret(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').split('_');
  return words.some((w) => /^(SECRET|SECRETS|PASSWORD|PASSWD|TOKEN|KEY)$/i.test(w));
}
