import type { Broadcast, RecipientPart } from '../domain/broadcast';
import type { BroadcastReport } from '../domain/broadcasts';
import type { Handover } from '../domain/handover';
import type { Person } from '../domain/person';
import type { Statement } from '../domain/statement';
import type { AdaptiveCardJson } from './adaptive-card';
import type { DeliveryReportCardModel, NoticeCardModel } from './answer-card-models';
import { renderDeliveryReportCard } from './delivery-report-card';
import { civilDayName, dayName, whenText } from './local-time';
import { renderMessageCard } from './message-card';
import { renderNoticeCard } from './notice-card';
import { typeLabel } from './statement-words';
import { epochDayOf, parseCivilDate, type WorkingCalendar } from '../standards';

/** Names listed as not reached on the report card; the rest are in the CSV. */
const MAX_NOT_REACHED = 30;
/** Statements listed by reference on a handover's news. */
const MAX_LISTED = 10;

/** Why someone was not reached, in words. */
const REASON_WORDS: Readonly<Record<string, string>> = {
  'not-installed': 'Heard is not installed for them',
  forbidden: 'Teams refused the message (Heard was removed or blocked)',
  'conversation-gone': 'their chat with Heard no longer exists',
  error: 'Teams kept failing',
  'left-directory': 'no longer in the directory',
};

/**
 * What a recipient's state and reason say in a report and its CSV: `Heard is not installed
 * for them`, `sent as Heard stopped: may not have arrived`…
 *
 * @example notReachedWords('not-installed', 'forbidden'); // 'Teams refused the message (Heard was removed or blocked)'
 */
export function notReachedWords(state: string, reason: string | null): string {
  if (state === 'cancelled') return 'not sent: the broadcast was cancelled';
  if (state === 'unconfirmed') return 'sent as Heard stopped: it may not have arrived';
  return REASON_WORDS[reason ?? state] ?? REASON_WORDS[state] ?? 'not reached';
}

/** A local date `YYYY-MM-DD` as days since 1970-01-01. */
function dayNumber(iso: string): number {
  const date = parseCivilDate(iso);
  if (!date) throw new RangeError(`not a date: ${iso}`);
  return epochDayOf(date);
}

/** `1,234`. */
function count(n: number): string {
  return n.toLocaleString('en-GB');
}

/**
 * A notice as `recipient` sees it: who sent it and when, and when they read it.
 *
 * @example
 * renderNotice(broadcast, jo, null, cal, now); // an Adaptive Card with "I've read this"
 */
export function renderNotice(broadcast: Broadcast, sender: Person | null, readAt: number | null, cal: WorkingCalendar, now: number): AdaptiveCardJson {
  const model: NoticeCardModel = {
    broadcastId: broadcast.id,
    title: broadcast.title,
    body: broadcast.body,
    from: `From ${sender?.name ?? 'the participation team'}${sender?.roles.includes('participation') ? ', participation team' : ''} · ${dayName(cal, broadcast.createdAt)}`,
    read: readAt === null ? null : `✓ You read this at ${whenText(cal, readAt, now)}.`,
  };
  return renderNoticeCard(model);
}

/**
 * The delivery report card of a broadcast as it stands.
 *
 * @example
 * renderDeliveryReport(report, { cancelledBy: null }, cal, now); // counts, names not reached, Refresh / Export CSV / Cancel sending
 */
export function renderDeliveryReport(report: BroadcastReport, names: { cancelledBy: string | null }, cal: WorkingCalendar, now: number): AdaptiveCardJson {
  return renderDeliveryReportCard(deliveryReportModel(report, names, cal, now));
}

/**
 * The words and counts of a delivery report.
 *
 * @example
 * deliveryReportModel(report, { cancelledBy: null }, cal, now).facts[0]; // { title: 'Recipients', value: '2,000' }
 */
export function deliveryReportModel(report: BroadcastReport, names: { cancelledBy: string | null }, cal: WorkingCalendar, now: number): DeliveryReportCardModel {
  const { broadcast: b, counts } = report;
  const settled = counts.total - counts.pending - counts.retrying;
  const status =
    b.state === 'sending'
      ? `Sending to ${b.audience}: ${count(settled)} of ${count(counts.total)} done so far`
      : b.state === 'cancelled'
        ? `Cancelled${names.cancelledBy ? ` by ${names.cancelledBy}` : ''} at ${whenText(cal, b.finishedAt ?? now, now)}: ${count(counts.cancelled)} not sent`
        : `Finished at ${whenText(cal, b.finishedAt ?? now, now)} · to ${b.audience}`;
  const facts: { title: string; value: string }[] = [
    { title: 'Recipients', value: count(counts.total) },
    { title: 'Delivered', value: count(counts.delivered) },
  ];
  if (b.askRead) facts.push({ title: 'Read', value: `${count(counts.read)} of ${count(counts.delivered + counts.unconfirmed)}` });
  if (b.state === 'sending' || counts.pending + counts.retrying > 0) facts.push({ title: 'Waiting', value: count(counts.pending) }, { title: 'Retrying', value: count(counts.retrying) });
  facts.push({ title: 'Failed', value: count(counts.failed) }, { title: 'Not installed', value: count(counts['not-installed']) });
  if (counts.unconfirmed > 0) facts.push({ title: 'Sent, not confirmed', value: count(counts.unconfirmed) });
  if (counts.cancelled > 0) facts.push({ title: 'Not sent (cancelled)', value: count(counts.cancelled) });
  const missed = report.recipients.filter(({ recipient: r }) => ['not-installed', 'failed', 'unconfirmed', 'cancelled'].includes(r.state));
  return {
    broadcastId: b.id,
    title: `Delivery report · ${b.title}`,
    status,
    tone: b.state === 'cancelled' ? 'warning' : b.state === 'done' ? (missed.length > 0 ? 'warning' : 'good') : null,
    facts,
    notReached: missed.slice(0, MAX_NOT_REACHED).map(({ recipient: r, person }) => `${person?.name ?? 'Someone no longer in the directory'}: ${notReachedWords(r.state, r.reason)}`),
    moreNotReached: missed.length > MAX_NOT_REACHED ? `and ${count(missed.length - MAX_NOT_REACHED)} more: Export CSV lists everyone` : null,
    sending: b.state === 'sending',
    canExport: true,
  };
}

/**
 * The news of a handover for one person it affects: the new holder (what is now theirs;
 * their statement cards follow), the previous holder (what went, to whom, and when it comes
 * back), or a manager (a summary). References and initials only.
 *
 * @example
 * renderHandoverNews('previous-holder', handover, { from: sam, to: ali, by: priya }, statements, false, cal, now);
 */
export function renderHandoverNews(
  part: RecipientPart,
  handover: Handover,
  people: { from: Person | null; to: Person | null; by: Person | null },
  statements: Statement[],
  back: boolean,
  cal: WorkingCalendar,
  now: number,
): AdaptiveCardJson {
  const from = people.from?.name ?? 'someone no longer in the directory';
  const to = people.to?.name ?? 'someone no longer in the directory';
  const clocks = (back ? handover.returned : handover.moved)?.obligationIds.length ?? 0;
  const what = [statements.length > 0 ? `${statements.length} statement${statements.length === 1 ? '' : 's'}` : null, clocks > 0 ? `${clocks} other deadline${clocks === 1 ? '' : 's'}` : null]
    .filter((x): x is string => x !== null)
    .join(' and ');
  const until = handover.until ? civilDayName(dayNumber(handover.until)) : null;
  const backOn = handover.until ? civilDayName(dayNumber(handover.until) + 1) : null;
  const listed = statements.slice(0, MAX_LISTED).map((s) => `• ${s.child.reference} ${s.child.initials} · ${typeLabel(s.type)}`);
  const more = statements.length > MAX_LISTED ? [`and ${statements.length - MAX_LISTED} more`] : [];
  const by = people.by ? ` by ${people.by.name}, ${whenText(cal, handover.createdAt, now)}` : '';
  if (back) {
    // Moving back, `from` is who held the work meanwhile and `to` whose it is.
    if (part === 'new-holder') return renderMessageCard('Your work is back with you', [`Back from ${from}: ${what}.`, ...listed, ...more, ...(statements.length > 0 ? ['Each statement’s card follows.'] : [])], 'good');
    return renderMessageCard(`${to}'s work has gone back to them`, [`${what} went back from ${from} to ${to}.`, ...listed, ...more]);
  }
  if (part === 'new-holder') {
    return renderMessageCard(`${from}'s work is now with you`, [
      `${what} moved to you${until ? ` until ${until}` : ''}${by}.`,
      ...listed,
      ...more,
      statements.length > 0 ? 'Each statement’s card follows, with its deadlines.' : 'Each deadline keeps its date.',
      ...(backOn ? [`What is still open on ${backOn} goes back to ${from}.`] : []),
    ], 'good');
  }
  if (part === 'previous-holder') {
    return renderMessageCard(`Your work has moved to ${to}`, [
      `${what} moved to ${to}${until ? ` until ${until}` : ''}${by}.`,
      ...listed,
      ...more,
      backOn ? `What is still open comes back to you on ${backOn}.` : 'It is no longer yours to do.',
    ]);
  }
  return renderMessageCard(`${from}'s work moved to ${to}`, [`${what} moved from ${from} to ${to}${until ? ` until ${until}` : ''}${by}.`, ...listed, ...more]);
}
