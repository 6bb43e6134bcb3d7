import { parse } from 'csv-parse/sync';
import { csvTable } from './csv-table';

describe('a CSV table (RFC 4180)', () => {
  it('quotes a field holding a comma, a quote or a line break, doubles its quotes, and ends every record with CRLF', () => {
    const csv = csvTable(['who', 'what'], [['Shah, Priya', 'said "yes"'], ['Sam', 'line one\nline two'], ['Ali', null]]);
    expect(csv).toBe('who,what\r\n"Shah, Priya","said ""yes"""\r\nSam,"line one\nline two"\r\nAli,\r\n');
    expect(parse(csv, { columns: true })).toEqual([
      { who: 'Shah, Priya', what: 'said "yes"' },
      { who: 'Sam', what: 'line one\nline two' },
      { who: 'Ali', what: '' },
    ]);
  });
});
