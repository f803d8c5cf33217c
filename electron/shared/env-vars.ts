// Environment variables of a workspace: `{{env.NAME}}` in a request's text fields takes the value
// NAME has in the chosen environment. The names and the reference syntax, for both sides.

/** A variable's name: a letter or `_`, then letters, digits or `_` (up to 64). */
export const ENV_VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** An environment's name, also its file name (environments/<name>.yaml). */
export const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** `{{env.NAME}}`, spaces allowed inside the braces; group 1 is the name. Global: reset lastIndex or use matchAll. */
export const ENV_REFERENCE = /\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]{0,63})\s*\}\}/g;
