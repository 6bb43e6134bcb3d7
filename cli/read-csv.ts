import { parse } from 'csv-parse/sync';
import * as fs from 'fs';
import { UsageError } from './usage-error';

/**
 * Reads a CSV file with a header into records with the line each starts on (the header
 * is line 1), refusing columns outside `allowed` (a list, or a test with the list to name
 * in the error).
 *
 * @example
 * readCsv('people.csv', DIRECTORY_COLUMNS);
 * readCsv('events.csv', { accepts: isCaseEventCsvColumn, expected: ['event_id', '…', 'details.<key>'] });
 */
export function readCsv(
  file: string,
  allowed: readonly string[] | { accepts: (column: string) => boolean; expected: readonly string[] },
): { line: number; row: Record<string, string> }[] {
  if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const text = fs.readFileSync(file, 'utf8');
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true });
  } catch (e) {
    throw new UsageError(`${file} is not readable CSV: ${(e as Error).message}`);
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0].split(',').map((h) => h.trim());
  const accepts = 'accepts' in allowed ? allowed.accepts : (h: string) => allowed.includes(h);
  const expected = 'accepts' in allowed ? allowed.expected : allowed;
  const unknown = header.filter((h) => !accepts(h));
  if (unknown.length > 0) throw new UsageError(`unknown column(s) ${unknown.join(', ')}: expected ${expected.join(',')}`);
  return records.map(({ record, info }) => ({ line: info.lines, row: record }));
}

/**
 * Rows of an import file with the line each came from: a CSV with a header (the header is
 * line 1) refusing columns outside `columns`, or (`.json`) a JSON array whose item n is
 * "line" n. `noun` names what the file holds, for messages.
 *
 * @example
 * readImportFile('rota.csv', ROTA_COLUMNS, 'shifts');
 */
export function readImportFile(file: string, columns: readonly string[], noun: string): { line: number; row: unknown }[] {
  if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
  if (!file.toLowerCase().endsWith('.json')) return readCsv(file, columns);
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) throw new UsageError(`${file} must hold a JSON array of ${noun}`);
  return data.map((row, i) => ({ line: i + 1, row }));
}
