// Checks on free text that every form shares. Its own module so that a form needing only these (the mediation
// request) does not load the reconsideration application's schemas with them.

/** NUL and other C0 controls (except tab and line breaks) never belong in an application. */
export function noControlChars(value: string): boolean {
  return !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/.test(value);
}
