/**
 * CSV files people open in Excel or WPS: UTF-8 with a byte-order mark (without
 * it, Excel on Windows reads Chinese as mojibake), CRLF line ends, RFC 4180 quoting.
 */

export const BOM = '\uFEFF'

export type CsvCell = string | number | null | undefined

/**
 * One cell: numbers as they are; text quoted when it holds a comma, quote or
 * line break; text a spreadsheet would run as a formula (= + - @ at the start)
 * gets a leading apostrophe so it shows as text.
 * @example csvCell('王,建国') // '"王,建国"'
 * @example csvCell('=1+1') // "'=1+1"
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  let text = value
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** A whole file: the BOM, the header row, the rows. @example toCsv(['事项', '预约'], [['低保', 3]]) // '\uFEFF事项,预约\r\n低保,3\r\n' */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return BOM + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
