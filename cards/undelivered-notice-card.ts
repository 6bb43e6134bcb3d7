import { capitalise } from './sentence-case';
import type { UndeliveredReason } from '../domain/ports/store.port';
import { compileCardTemplate, expandCardTemplate, TONE_COLOURS, type AdaptiveCardJson } from './adaptive-card';
import { teamsChatUrl } from './escalation-card';
import undeliveredNoticeCardJson from './undelivered-notice-card.json';

const noticeTemplate = compileCardTemplate(undeliveredNoticeCardJson);

export type { UndeliveredReason };

/**
 * Each reason in plain words, as the participation team reads it.
 *
 * @example
 * UNDELIVERED_REASON_WORDS['conversation-gone']; // 'their chat with Heard no longer exists (Teams said 404)'
 */
export const UNDELIVERED_REASON_WORDS: Readonly<Record<UndeliveredReason, string>> = {
  'not-installed': 'Heard is not installed for them in Teams',
  forbidden: 'Teams refused the message (403): Heard may have been removed or blocked for them',
  'conversation-gone': 'their chat with Heard no longer exists (Teams said 404)',
};

/** What to do about each reason. */
const REASON_HINTS: Readonly<Record<UndeliveredReason, string>> = {
  'not-installed': 'Ask them to add Heard in Teams (Apps, then search for Heard); Heard reaches them from then on.',
  forbidden: 'Ask them, or your Teams administrator, to add Heard back for them.',
  'conversation-gone': 'Ask them to open Heard in Teams and say "hi"; Heard reaches them again from then on.',
};

/**
 * What could not be sent: a `reminder` (part-way), a `due` ("due now") reminder, an
 * `immediate` ("act now") alert, an `escalation` to a manager, a `breach-notice` (the
 * participation team told of a missed deadline), or a morning `digest`.
 *
 * @example const kind: UndeliveredKind = 'escalation';
 */
export type UndeliveredKind = 'reminder' | 'due' | 'immediate' | 'escalation' | 'breach-notice' | 'digest';

/**
 * What kind of message it was, from the kind the scheduler recorded it under
 * (`reminder-50`, `due`, `breach`, `digest`…).
 *
 * @example
 * undeliveredKindOf('reminder-75'); // 'reminder'
 * undeliveredKindOf('ahead-5'); // 'reminder' (5 working days before a long clock's deadline)
 */
export function undeliveredKindOf(recordKind: string): UndeliveredKind {
  if (recordKind.startsWith('reminder-') || recordKind.startsWith('ahead-')) return 'reminder';
  if (recordKind === 'breach') return 'escalation';
  if (recordKind === 'digest') return 'digest';
  return 'due';
}

const KIND_WORDS: Readonly<Record<UndeliveredKind, { noun: string; label: string; urgent: boolean }>> = {
  reminder: { noun: 'a reminder', label: 'Reminder', urgent: false },
  due: { noun: 'a "due now" reminder', label: 'Due-now reminder', urgent: true },
  immediate: { noun: 'an "act now" alert', label: 'Act-now alert', urgent: true },
  escalation: { noun: 'an escalation of a missed deadline', label: 'Escalation (missed deadline)', urgent: true },
  'breach-notice': { noun: 'a notice of a missed deadline', label: 'Missed-deadline notice', urgent: false },
  digest: { noun: 'the morning digest', label: 'Morning digest', urgent: false },
};

/**
 * A notice to the participation team that a nudge or escalation did not reach someone.
 *
 * @example
 * const data: UndeliveredNoticeCardData = {
 *   kind: 'escalation', reason: 'not-installed', recipient: { name: 'Priya Shah', email: 'priya.shah@council.example' },
 *   reference: 'C-1001', standardId: 'momo.2.2',
 * };
 */
export interface UndeliveredNoticeCardData {
  kind: UndeliveredKind;
  reason: UndeliveredReason;
  /** Who it was for; the email makes "Contact" a Teams chat link. */
  recipient: { name: string; email: string | null };
  /** The child's reference of the statement it was about, e.g. `C-1001` (null: about no statement, e.g. a digest). */
  reference: string | null;
  /** The standard it was about (null: none). */
  /** The standard whose message it was, as `title · document, section`. */
  standard: string | null;
}

/** What `undelivered-notice-card.json` binds to. */
interface NoticeTemplateData {
  title: string;
  colour: string;
  lead: string;
  facts: { title: string; value: string }[];
  hints: string[];
  hasContact: boolean;
  contactTitle: string | null;
  contactUrl: string | null;
}

/**
 * Renders the notice: `Heard could not reach Priya Shah` (red for what cannot wait: a
 * due-now reminder, an act-now alert, an escalation; amber otherwise), what was not sent
 * and why, the facts (what, statement reference, standard, why; the last two only when
 * there is a statement), what to do about the reason, and — since a deadline does not
 * wait for Teams — a line to tell them another way. One button,
 * "Contact Priya Shah", opens an ordinary Teams chat with them (it does not need Heard),
 * when the email is known. About 2 KB.
 *
 * @example
 * const card = renderUndeliveredNoticeCard({
 *   kind: 'reminder', reason: 'conversation-gone', recipient: { name: 'Sam Patel', email: null },
 *   reference: 'C-1001', standardId: 'momo.2.1',
 * });
 * // CardFactory.adaptiveCard(card)
 */
export function renderUndeliveredNoticeCard(data: UndeliveredNoticeCardData): AdaptiveCardJson {
  return expandCardTemplate(noticeTemplate, noticeTemplateData(data));
}

function noticeTemplateData(data: UndeliveredNoticeCardData): NoticeTemplateData {
  const kind = KIND_WORDS[data.kind];
  const about = data.reference === null ? '' : ` about statement ${data.reference}`;
  const email = data.recipient.email?.trim() ?? '';
  return {
    title: `Heard could not reach ${data.recipient.name}`,
    colour: kind.urgent ? TONE_COLOURS.attention : TONE_COLOURS.warning,
    lead: `${capitalise(kind.noun)}${about} was not delivered: ${UNDELIVERED_REASON_WORDS[data.reason]}.`,
    facts: [
      { title: 'What', value: kind.label },
      ...(data.reference === null ? [] : [{ title: 'Statement', value: data.reference }]),
      ...(data.standard === null ? [] : [{ title: 'Standard', value: data.standard }]),
      { title: 'Why', value: capitalise(UNDELIVERED_REASON_WORDS[data.reason]) },
    ],
    hints: [
      REASON_HINTS[data.reason],
      ...(kind.urgent
        ? ['This cannot wait for Teams: contact them another way now.']
        : data.reference === null ? [] : ['Until then, tell them another way if the deadline is close.']),
    ],
    hasContact: email !== '',
    contactTitle: email !== '' ? `Contact ${data.recipient.name}` : null,
    contactUrl: email !== '' ? teamsChatUrl(email) : null,
  };
}
