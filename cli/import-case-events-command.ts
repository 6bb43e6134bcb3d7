import * as fs from 'fs';
import { CASE_EVENT_CSV_COLUMNS, envelopeOfCsvRow, isCaseEventCsvColumn, parseCaseEvent, type CaseEventInput } from '../domain/case-event-envelope';
import { CaseWorkService, type CaseWorkSummary } from '../domain/case-work-service';
import type { ImportProblem } from '../domain/directory-import';
import { loadOrganisation, type Organisation } from '../domain/organisation';
import type { Store } from '../domain/ports/store.port';
import { builtInVocabulary } from '../standards';
import { readCsv } from './read-csv';
import { UsageError } from './usage-error';

/** The records of a case-events file with the line each came from: JSON lines (`.jsonl`, `.ndjson`) or CSV. */
function readEventFile(file: string): { line: number; raw: unknown; problem?: string }[] {
  if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) {
    const rows = readCsv(file, { accepts: isCaseEventCsvColumn, expected: [...CASE_EVENT_CSV_COLUMNS, 'details.<key>'] });
    return rows.map(({ line, row }) => ({ line, raw: envelopeOfCsvRow(row) }));
  }
  if (!lower.endsWith('.jsonl') && !lower.endsWith('.ndjson')) throw new UsageError(`${file}: give a .jsonl (one JSON event per line) or a .csv file`);
  const records: { line: number; raw: unknown; problem?: string }[] = [];
  fs.readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((text, i) => {
      if (text.trim() === '') return;
      try {
        records.push({ line: i + 1, raw: JSON.parse(text) });
      } catch (e) {
        records.push({ line: i + 1, raw: null, problem: `is not JSON: ${(e as Error).message.slice(0, 120)}` });
      }
    });
  return records;
}

/** Event ids looked up in the store per read when a file is checked. */
const STORE_READ_BATCH = 1000;

/**
 * `heard import case-events <file.jsonl|file.csv>`: checks every event first — the
 * envelope, and that an event id already received (in the store or earlier in the file)
 * carries the same content — then receives them all through the same intake as
 * `POST /api/case-events`. A bad file is refused whole: nothing is stored.
 *
 * `organisation` is the store's settings, read from it when not given.
 *
 * @example
 * await importCaseEvents('go-live.jsonl', store, () => Math.floor(Date.now() / 1000));
 */
export async function importCaseEvents(
  file: string,
  store: Store,
  now: () => number,
  organisation?: Organisation,
): Promise<({ ok: true } & CaseWorkSummary) | { ok: false; problems: ImportProblem[] }> {
  const org = organisation ?? (await loadOrganisation(store.settings));
  const records = readEventFile(file);
  if (records.length === 0) throw new UsageError(`${file} has no events in it`);
  const vocabulary = builtInVocabulary();
  const problems: ImportProblem[] = [];
  const events: CaseEventInput[] = [];
  const seen = new Map<string, { line: number; fingerprint: string }>();
  const at = now();
  // Each event with the line it came from; first: the first of its id in the file, to be checked against the store.
  const checked: { line: number; event: CaseEventInput; first: boolean }[] = [];
  for (const { line, raw, problem } of records) {
    if (problem) {
      problems.push({ line, field: null, message: problem });
      continue;
    }
    const parsed = parseCaseEvent(raw, { vocabulary, calendar: org.calendar, now: at });
    if (!parsed.ok) {
      for (const p of parsed.problems) problems.push({ line, field: p.field, message: p.message });
      continue;
    }
    const e = parsed.event;
    const key = `${e.source}\u0000${e.eventId}`;
    const earlier = seen.get(key);
    if (earlier && earlier.fingerprint !== e.fingerprint) {
      problems.push({ line, field: 'eventId', message: `${e.eventId} of ${e.source} is on line ${earlier.line} with other content` });
      continue;
    }
    if (!earlier) seen.set(key, { line, fingerprint: e.fingerprint });
    checked.push({ line, event: e, first: !earlier });
  }
  // The ids already received, read a batch at a time.
  const stored = new Map<string, string>();
  const firsts = checked.filter((c) => c.first).map((c) => c.event);
  for (let i = 0; i < firsts.length; i += STORE_READ_BATCH) {
    for (const e of await store.caseEvents.getMany(firsts.slice(i, i + STORE_READ_BATCH))) stored.set(`${e.source}\u0000${e.eventId}`, e.fingerprint);
  }
  for (const { line, event: e, first } of checked) {
    const fingerprint = first ? stored.get(`${e.source}\u0000${e.eventId}`) : undefined;
    if (fingerprint !== undefined && fingerprint !== e.fingerprint) {
      problems.push({ line, field: 'eventId', message: `${e.eventId} of ${e.source} was already received with other content (a correction needs a new eventId with supersedes)` });
      continue;
    }
    events.push(e);
  }
  problems.sort((a, b) => a.line - b.line);
  if (problems.length > 0) return { ok: false, problems };
  const service = new CaseWorkService({ store, standards: org.standards, packs: org.packs, calendar: org.calendar, vocabulary, nudgePolicy: org.nudgePolicy, now });
  // A go-live history is a bulk load: the store may build some indexes once, at the end.
  const { summary } = await store.bulkLoad(events.length, () => service.receive(events, 'cli'));
  return { ok: true, ...summary };
}
