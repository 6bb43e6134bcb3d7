import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, toCsv, toJsonLines } from './case-event-files';
import type { CaseEventInput } from './reference-case-clocks';

const events: CaseEventInput[] = [
  {
    eventId: 'LCS-884213',
    source: 'liquidlogic',
    caseRef: 'C-10442',
    childInitials: 'AB',
    type: 'visit-completed',
    occurredAt: '2026-11-20T14:30:00Z',
    by: 'sam.patel@council.example',
    details: { kind: 'cic', seenAlone: true },
  },
  { eventId: 'SUP-1', source: 'import', subject: 'sam.patel@council.example', type: 'supervision-held', occurredAt: '2026-11-21', details: { kind: 'professional' } },
  {
    eventId: 'LCS-884214',
    source: 'liquidlogic',
    caseRef: 'C-10442',
    childInitials: 'AB',
    type: 'child-left-care',
    occurredAt: '2026-11-22T10:00:00Z',
    details: { reason: 'moved, "with family", to Leeds' },
    supersedes: 'LCS-884200',
  },
];

describe('case events written for heard import case-events', () => {
  it('as JSON lines: one envelope a line, as sent', () => {
    expect(toJsonLines(events).trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual(events);
  });

  it('as CSV: the columns of case-events.md, one details.<key> column per qualifier used, read back the same (cells are text)', () => {
    const text = toCsv(events);
    expect(text.split('\n')[0]).toBe(
      'event_id,source,case_ref,child_initials,type,occurred_at,scheduled_for,by,subject,supersedes,details.kind,details.reason,details.seenAlone',
    );
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const back = rows.map((row) => {
      const event: Record<string, unknown> = {};
      for (const [column, key] of CSV_COLUMNS) if (row[column] !== '') event[key] = row[column];
      event.details = Object.fromEntries(Object.entries(row).filter(([k, v]) => k.startsWith('details.') && v !== '').map(([k, v]) => [k.slice(8), v]));
      return event;
    });
    expect(back).toEqual(events.map((e) => ({ ...e, details: Object.fromEntries(Object.entries(e.details ?? {}).map(([k, v]) => [k, String(v)])) })));
  });
});
