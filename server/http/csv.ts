/**
 * A text cell a spreadsheet will not run as a formula: one starting with = + - @ (or a tab or
 * carriage return, which some spreadsheets skip first) gets a leading single quote. Every CSV
 * export writes user-supplied text through this.
 */
export const safeCell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
