/**
 * CSV as RFC 4180 writes it (CRLF rows, quotes doubled, fields with a separator, quote or line
 * break quoted), made safe to open in a spreadsheet: a text cell that starts like a formula (= + -
 * @, a tab or a carriage return) gets a leading apostrophe, so a customer's message or name can
 * never run as a formula on an admin's machine (OWASP "CSV injection").
 */

export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
