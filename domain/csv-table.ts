import { stringify } from 'csv-stringify/sync';

/**
 * A table as CSV the way RFC 4180 writes it — a header line, CRLF between records, fields
 * quoted when they hold a comma, a quote or a line break, quotes doubled — by csv-stringify
 * (the csv package family, whose csv-parse Heard reads imports with). Empty for null. With
 * CRLF as the record delimiter csv-stringify leaves a lone LF unquoted, so any field with a
 * line break is quoted explicitly.
 *
 * @example
 * csvTable(['standard', 'due'], [['momo.2.1', 3]]); // 'standard,due\r\nmomo.2.1,3\r\n'
 */
export function csvTable(columns: readonly string[], rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  return stringify([columns as string[], ...rows.map((row) => row.map((cell) => (cell === null ? '' : cell)))], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}
