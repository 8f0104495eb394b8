/**
 * Formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return. Exports prefix such text cells with `'` (which spreadsheets show as text and
 * hide); a cell that already starts with quotes before one of those characters gets one more, so
 * the escaping is reversible: `unescapeFormulaCell` (for imports) takes exactly one quote off a
 * cell of that form and leaves every other cell alone, and `unescape(escape(x)) === x` for any x.
 *
 * Only text cells are escaped. Numbers our exports write (money, quantities, grades) are never
 * text a spreadsheet could run; negative ones appear only as signed amounts of return rows in the
 * sales export, and stay plain numbers there (a quote would turn them into text and break sums).
 */
const FORMULA = /^'*[=+\-@\t\r]/;

export const escapeFormulaCell = (text: string): string => (FORMULA.test(text) ? `'${text}` : text);

export const unescapeFormulaCell = (text: string): string => (text.startsWith("'") && FORMULA.test(text) ? text.slice(1) : text);
