import { parse } from 'csv-parse/sync';
import * as fs from 'fs';
import { UsageError } from './usage-error';

/**
 * Reads a CSV file with a header into records with the line each starts on (the header
 * is line 1), refusing columns outside `allowed`.
 *
 * @example
 * readCsv('people.csv', DIRECTORY_COLUMNS);
 */
export function readCsv(file: string, allowed: readonly string[]): { line: number; row: Record<string, string> }[] {
  if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const text = fs.readFileSync(file, 'utf8');
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true });
  } catch (e) {
    throw new UsageError(`${file} is not readable CSV: ${(e as Error).message}`);
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0].split(',').map((h) => h.trim());
  const unknown = header.filter((h) => !allowed.includes(h));
  if (unknown.length > 0) throw new UsageError(`unknown column(s) ${unknown.join(', ')}: expected ${allowed.join(',')}`);
  return records.map(({ record, info }) => ({ line: info.lines, row: record }));
}
