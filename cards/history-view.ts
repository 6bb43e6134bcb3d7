import type { AuditEvent } from '../domain/audit-event';
import type { CaseEvent } from '../domain/case';
import type { HistoryLine, HistoryRecords, HistoryTable, PeopleNamed } from '../domain/history';
import type { WorkingCalendar } from '../standards';
import { dateAndTime, dayName } from './local-time';
import { HAND_BACK_REASON_TITLES } from './statement-view';
import { typeLabel } from './statement-words';

/**
 * A history in words a worker understands — who, when, what, through which channel — and
 * no internal id: people by name, the case system by name, statements by the day they were
 * sent and their type. One table of words for the Teams card and the CSV export.
 */

/** Through which channel, as a worker says it. */
const CHANNEL_WORDS: Readonly<Record<AuditEvent['channel'], string>> = {
  api: 'API',
  csv: 'import',
  card: 'Teams card',
  message: 'Teams chat',
  scheduler: 'scheduler',
  cli: 'command line',
  download: 'download link',
};

/** Heard's own parts, as the actor of what they did. */
const SYSTEM_WORDS: Readonly<Record<string, string>> = {
  intake: 'Mind Of My Own',
  routing: 'Heard',
  delivery: 'Heard',
  scheduler: 'Heard',
  download: 'Heard',
  retention: 'Heard',
  'case-events': 'the case system',
};

/** What each audited step was, of a statement called `it`. */
const ACTION_WORDS: Readonly<Record<string, (e: AuditEvent, it: string, names: (ids: string) => string) => string>> = {
  'statement-received': (_e, it) => `Received ${it}`,
  'statement-queued': (_e, it) => `Put ${it} in the participation team's queue`,
  'statement-routed': (_e, it) => `Sent ${it} to the duty officer's procedure`,
  'statement-assigned': (e, it, names) => `Assigned ${it} to ${names(String(e.details.to ?? ''))}`,
  'statement-reassigned': (e, it, names) =>
    `Moved ${it} from ${names(String(e.details.from ?? ''))} to ${names(String(e.details.to ?? ''))}${e.details.rule === 'escalation' ? ', as the standard escalates' : ''}`,
  'statement-delivered': (e, it, names) => `Delivered ${it} to ${names(String(e.details.to ?? ''))} in Teams`,
  'statement-not-delivered': (e, it, names) => `Could not deliver ${it} to ${names(String(e.details.to ?? ''))} in Teams`,
  'statement-opened': (_e, it) => `Opened ${it}`,
  'statement-acknowledged': (_e, it) => `Acknowledged ${it}`,
  'child-told': (_e, it) => `Told the child that ${it} was received`,
  'statement-saved': (e, it) => `Saved ${it} to the case record${e.details.system ? ` (${String(e.details.system)})` : ''}`,
  'statement-handed-back': (e, it) => `Handed ${it} back: ${HAND_BACK_REASON_TITLES[e.details.reason as keyof typeof HAND_BACK_REASON_TITLES] ?? 'not for them'}`,
  'statement-escalated': (e, it, names) => `Escalated ${it} to ${names(String(e.details.to ?? ''))}: a deadline was missed`,
  'statement-identified': (_e, it) => `Identified the young person who sent ${it}`,
  'safety-link-followed-up': (_e, it) => `Recorded the Safety Link follow-up of ${it}`,
  'duty-records-checked': (_e, it) => `Checked the records for ${it} and told the duty manager`,
  'young-person-contacted': (_e, it) => `Contacted the young person about ${it}`,
  'follow-up-email-sent': (_e, it) => `Sent the follow-up e-mail about ${it}`,
  'young-person-responded': (_e, it) => `Recorded that the young person responded about ${it}`,
  'deletion-requested': (_e, it) => `Asked Mind Of My Own to delete ${it}`,
  'download-link-used': (_e, it) => `Opened the download link of ${it}`,
  'download-refused': (_e, it) => `A download link of ${it} was refused`,
  'pdf-purged': (_e, it) => `Removed Heard's copy of the PDF of ${it} under the retention policy (it is kept in the case record)`,
  'follow-up-notice-sent': (_e, it) => `Told the worker about the Safety Link follow-up of ${it}`,
};

/** What a case event was, in words: its type, what kind, for when, and whether it was corrected. */
function caseEventWords(e: CaseEvent, cal: WorkingCalendar, people: PeopleNamed): string {
  const detail = (key: string) => (e.details[key] === undefined ? '' : String(e.details[key]));
  if (e.type === 'case-allocated') {
    const person = detail('person');
    return `Allocated ${people.byEmail.get(person.toLowerCase())?.name ?? person} as ${detail('role').replace(/-/g, ' ')}`;
  }
  const kind = detail('kind') || detail('type');
  let said = `${sentence(e.type)}${kind ? ` (${kind.replace(/-/g, ' ')})` : ''}`;
  if (e.scheduledFor !== null) said += `, for ${e.scheduledDateOnly ? dayName(cal, e.scheduledFor) : dateAndTime(cal, e.scheduledFor)}`;
  if (e.supersededBy !== null) said += ' (later corrected)';
  return said;
}

/**
 * Puts a history into words, its lines oldest first.
 *
 * @example
 * const table = historyTable(records, calendar); // { title: 'History of CR-20417', lines: [{ when, who, what, channel }, …] }
 */
export function historyTable(records: HistoryRecords, cal: WorkingCalendar): HistoryTable {
  const { people } = records;
  const nameOf = (id: string) => people.byId.get(id)?.name ?? 'someone no longer in the directory';
  const names = (ids: string) => {
    const list = ids.split(',').filter((id) => id !== '');
    return list.length === 0 ? 'nobody' : list.map(nameOf).join(' and ');
  };
  const who = (e: AuditEvent) => (e.actor.kind === 'person' ? nameOf(e.actor.id) : (SYSTEM_WORDS[e.actor.id] ?? 'Heard'));
  const lines: HistoryLine[] = [];
  const several = records.statements.length > 1 || records.kind === 'case';
  for (const { statement, audit } of records.statements) {
    // A statement linked to the case through the imported mapping names the child reference it came with.
    const linked = records.kind === 'case' && statement.child.reference !== records.case.caseRef ? ` (child reference ${statement.child.reference}, linked to this case)` : '';
    const it = several ? `the ${typeLabel(statement.type)} statement sent ${dayName(cal, statement.sentAt)}${linked}` : 'the statement';
    for (const e of audit) {
      const words = ACTION_WORDS[e.action];
      lines.push({ at: e.at, when: dateAndTime(cal, e.at), who: who(e), what: words ? words(e, it, names) : `${sentence(e.action)} (${it})`, channel: CHANNEL_WORDS[e.channel] });
    }
  }
  if (records.kind === 'case') {
    for (const e of records.caseEvents) {
      const by = e.by === null ? 'the case system' : (people.byEmail.get(e.by.toLowerCase())?.name ?? e.by);
      const when = e.occurredDateOnly ? dayName(cal, e.occurredAt) : dateAndTime(cal, e.occurredAt);
      lines.push({ at: e.occurredAt, when, who: by, what: caseEventWords(e, cal, people), channel: e.source === 'teams' ? 'Teams card' : `${e.source} ${e.channel === 'api' ? 'API' : 'import'}` });
    }
    for (const e of records.caseAudit) {
      if (e.action === 'obligation-moved') {
        lines.push({ at: e.at, when: dateAndTime(cal, e.at), who: 'Heard', what: `Moved a deadline (${String(e.details.standard ?? '')}) to ${e.details.to ? nameOf(String(e.details.to)) : 'nobody'} after a reallocation`, channel: CHANNEL_WORDS[e.channel] });
      } else if (e.action === 'case-event-corrected') {
        lines.push({ at: e.at, when: dateAndTime(cal, e.at), who: 'the case system', what: `Corrected an earlier ${String(e.details.type ?? 'event').replace(/-/g, ' ')}`, channel: CHANNEL_WORDS[e.channel] });
      } else if (e.action === 'obligation-withdrawn') {
        lines.push({ at: e.at, when: dateAndTime(cal, e.at), who: 'Heard', what: `Withdrew a deadline (${String(e.details.standard ?? '')}) a correction no longer gives`, channel: CHANNEL_WORDS[e.channel] });
      }
    }
  }
  lines.sort((a, b) => a.at - b.at);
  const initials = records.kind === 'case' ? records.case.initials : (records.statements[0]?.statement.child.initials ?? '');
  return { title: `History of ${records.reference}${initials ? ` (${initials})` : ''}`, reference: records.reference, lines };
}

function sentence(code: string): string {
  const words = code.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
