import type { AuditEvent } from '../domain/audit-event';
import type { Case } from '../domain/case';
import type { Obligation } from '../domain/obligation';
import { heldBefore } from '../domain/permissions';
import type { Person } from '../domain/person';
import type { CardDelivery } from '../domain/ports/store.port';
import type { SafetyLinkFollowUp } from '../domain/safety-link';
import type { Statement } from '../domain/statement';
import { HAND_BACK_REASONS, type HandBackReason } from '../domain/statement-service';
import type { Standard, WorkingCalendar } from '../standards';
import { dayName, whenText } from './local-time';
import type { AdaptiveCardJson } from './adaptive-card';
import { renderMessageCard } from './message-card';
import { refusalText } from './refusal-words';
import { FOLLOW_UP_QUESTION, followUpFacts } from './safety-link-words';
import type { SafetyLinkSection, StatementCardModel } from './statement-card-model';
import { clockLine, typeLabel } from './statement-words';

/** The case record systems offered on the card unless the organisation sets its own (product.md). */
export const DEFAULT_CASE_RECORD_SYSTEMS = ['Liquid Logic', 'EHM', 'Mosaic', 'Child View'] as const;

/** How each hand-back reason reads on the card. */
export const HAND_BACK_REASON_TITLES: Record<HandBackReason, string> = {
  'not-my-case': "It isn't my case",
  'child-moved-team': 'The child has moved to another team',
  'worker-leaving': "I'm leaving or moving role",
  duplicate: "It's a duplicate of one I already have",
  other: 'Another reason',
};

/**
 * What someone who may not see a statement is shown in place of its card, whatever they
 * pressed: that they cannot see it, that nothing changed, and nothing about the
 * statement — no reference, initials, type, people or clocks.
 *
 * @example
 * statementNotShownCard(); // 'You can’t see this statement' …
 */
export function statementNotShownCard(): AdaptiveCardJson {
  return renderMessageCard(
    'You can’t see this statement',
    [
      refusalText('NOT_ASSIGNED_TO_YOU'),
      'A statement is shown only to the people it is assigned to, their managers, whoever covers for them and the participation team.',
    ],
    'warning',
  );
}

/** What a statement card is built from: the stored facts, the viewer and the moment. */
export interface StatementViewInput {
  statement: Statement;
  obligations: Obligation[];
  audit: AuditEvent[];
  deliveries: CardDelivery[];
  /** Names of the people involved (assignees, whoever acted), by id. */
  names: Map<string, string>;
  /** The person looking, or null when rendering the copy everyone shares. */
  viewer: Person | null;
  /** The viewer's Teams user id (`29:…`), to refresh to their own view. */
  viewerTeamsId: string | null;
  standards: Map<string, Standard>;
  calendar: WorkingCalendar;
  now: number;
  caseRecordSystems: readonly string[];
  /** The case the statement's child reference links to (domain/case-links.ts): its reference and initials only; null or absent when there is none. */
  linkedCase?: Pick<Case, 'caseRef' | 'initials'> | null;
  download?: StatementCardModel['download'];
  notice?: StatementCardModel['notice'];
  /**
   * A Safety Link statement's follow-up: the one recorded (if any), the assignees who may
   * record it (domain/permissions.ts: the team manager, or the duty manager it went to),
   * and whether the viewer may read its note.
   */
  safetyLink?: { followUp: SafetyLinkFollowUp | null; followerIds: string[]; mayReadNote: boolean };
}

/** Audit events that leave the statement's status as it was: the status line says what came before them. */
const EVENTS_BESIDE_THE_STATUS = new Set(['safety-link-followed-up', 'statement-escalated']);

const STATUS_WORDS: Partial<Record<Statement['status'], string>> = {
  received: 'Received',
  queued: 'Waiting in the participation team’s queue',
  assigned: 'Assigned',
  delivered: 'Delivered',
  opened: 'Opened',
  acknowledged: 'Acknowledged',
  'child-told': 'Child told it was received',
  saved: 'Saved to the case record',
  closed: 'Closed',
  'duty-procedure': 'With the duty officer (young person not identified)',
};

/**
 * The card model of one statement for one viewer. Everything is worded here; the card
 * template only lays it out. Carries the reference and initials only.
 *
 * @example
 * const model = statementCardModel({ statement, obligations, audit, deliveries, names, viewer: sam, viewerTeamsId: '29:1', standards, calendar, now, caseRecordSystems });
 */
export function statementCardModel(input: StatementViewInput): StatementCardModel {
  const { statement: s, calendar: cal, now, viewer } = input;
  const nameOf = (id: string) => input.names.get(id) ?? 'someone no longer in the directory';
  const isAssignee = viewer !== null && s.assigneeIds.includes(viewer.id);
  const wasAssignee = viewer !== null && heldBefore(viewer.id, s, input.audit);
  const lastAssigned = [...input.audit].reverse().find((e) => e.action === 'statement-assigned' || e.action === 'statement-reassigned');
  const lastOf = (action: string) => [...input.audit].reverse().find((e) => e.action === action);

  const relevant = input.obligations.filter((o) => {
    const standard = input.standards.get(o.standardId);
    if (!standard || standard.subject !== 'statement' || o.status === 'cancelled') return false;
    return isAssignee ? o.ownerId === viewer.id : o.ownerId !== null && s.assigneeIds.includes(o.ownerId);
  });
  relevant.sort((a, b) => a.due - b.due || a.standardId.localeCompare(b.standardId));
  const clocks = relevant.map((o) => clockLine(o, input.standards.get(o.standardId)!, cal, now));

  const opened = ['opened', 'acknowledged', 'child-told', 'saved', 'closed'].includes(s.status);
  const acknowledged = lastOf('statement-acknowledged') !== undefined;
  const childTold = lastOf('child-told') !== undefined;

  const viewerKind: StatementCardModel['viewer'] = isAssignee ? 'assignee' : wasAssignee ? 'former-assignee' : 'observer';
  const complete = relevant.length > 0 && relevant.every((o) => o.status === 'met');
  return {
    statementId: s.id,
    reference: s.child.reference,
    initials: s.child.initials,
    typeLabel: typeLabel(s.type),
    sentAt: whenText(cal, s.sentAt, now),
    assignedAt: lastAssigned && s.assigneeIds.length > 0 ? whenText(cal, lastAssigned.at, now) : null,
    status: s.status,
    statusLine: complete && viewerKind !== 'former-assignee' ? `Complete: every clock is met. ${statusLine(input, nameOf, viewerKind)}` : statusLine(input, nameOf, viewerKind),
    assigneeNames: s.assigneeIds.map(nameOf),
    clocks: viewerKind === 'former-assignee' ? [] : clocks,
    viewer: viewerKind,
    done: { opened, acknowledged, childTold, saved: s.caseRecord },
    download: input.download ?? null,
    notice: input.notice ?? null,
    caseLink: caseLinkText(s, input.linkedCase ?? null),
    pdfRemoved: pdfRemovedLine(s, cal),
    caseRecordSystems: input.caseRecordSystems,
    handBackReasons: HAND_BACK_REASONS.map((value) => ({ value, title: HAND_BACK_REASON_TITLES[value] })),
    complete,
    refreshUserIds: input.viewerTeamsId ? [input.viewerTeamsId] : [],
    safetyLink: viewerKind === 'former-assignee' ? null : safetyLinkSection(input, nameOf),
  };
}

/** The case a statement belongs to, by reference and initials; says so when the council's mapping made the link (the references differ). */
function caseLinkText(s: Statement, linked: Pick<Case, 'caseRef' | 'initials'> | null): string | null {
  if (linked === null) return null;
  const mapped = linked.caseRef !== s.child.reference ? ', linked through the council’s reference mapping' : '';
  return `${linked.caseRef} · ${linked.initials}${mapped}`;
}

/** Why there is no Download: Heard's copy of the PDF went under the retention policy after the statement was saved to the case record. */
function pdfRemovedLine(s: Statement, cal: WorkingCalendar): string | null {
  if (!s.pdf || s.pdf.purgedAt === null) return null;
  const record = s.caseRecord ? ` (${s.caseRecord.system} ${s.caseRecord.reference})` : '';
  return `The PDF was removed from Heard on ${dayName(cal, s.pdf.purgedAt)} under the council’s retention policy, after it was saved to the case record${record}. Open it there.`;
}

/** The Safety Link follow-up as this viewer sees it: the form for whoever records it, what is awaited for anyone else, what was decided once done. */
function safetyLinkSection(input: StatementViewInput, nameOf: (id: string) => string): SafetyLinkSection | null {
  const { statement: s, viewer, safetyLink } = input;
  if (!s.flags.safetyLink || !safetyLink) return null;
  const names = (ids: string[]) => (ids.length > 0 ? ids.map(nameOf).join(' and ') : null);
  const workers = names(s.assigneeIds.filter((id) => !safetyLink.followerIds.includes(id))) ?? 'the allocated worker';
  if (safetyLink.followUp) {
    const recorded = followUpFacts(safetyLink.followUp, nameOf(safetyLink.followUp.byId), safetyLink.mayReadNote, input.calendar, input.now);
    return { text: `${recorded.by} followed up with ${workers}.`, canRecord: false, recorded };
  }
  const followers = names(safetyLink.followerIds) ?? 'the team manager';
  if (viewer !== null && safetyLink.followerIds.includes(viewer.id)) {
    return { text: FOLLOW_UP_QUESTION.replace('the allocated worker', workers), canRecord: true, recorded: null };
  }
  if (viewer !== null && s.assigneeIds.includes(viewer.id)) {
    return { text: `${followers} will follow up with you, to decide if safeguarding procedures apply or urgent action is required.`, canRecord: false, recorded: null };
  }
  return { text: `Waiting for ${followers} to follow up with ${workers}.`, canRecord: false, recorded: null };
}

function statusLine(input: StatementViewInput, nameOf: (id: string) => string, viewer: StatementCardModel['viewer']): string {
  const { statement: s, calendar: cal, now } = input;
  // The status says what last happened to the statement itself, not a note beside it (a follow-up, an escalation notice).
  const last = [...input.audit].reverse().find((e) => !EVENTS_BESIDE_THE_STATUS.has(e.action));
  if (viewer === 'former-assignee') {
    return s.assigneeIds.length > 0 ? `Now with ${s.assigneeIds.map(nameOf).join(' and ')}` : 'Handed back to the participation team';
  }
  const notDelivered = input.deliveries.filter((d) => d.state === 'not-delivered' && s.assigneeIds.includes(d.personId));
  const base = STATUS_WORDS[s.status] ?? s.status;
  const by = last?.actor.kind === 'person' ? ` by ${nameOf(last.actor.id)}` : '';
  const when = last ? `, ${whenText(cal, last.at, now)}` : '';
  const line = `${base}${by}${when}`;
  if (notDelivered.length === 0 || viewer === 'assignee') return line;
  return `${line}. Not delivered to ${notDelivered.map((d) => nameOf(d.personId)).join(' and ')}: Heard is not installed for them`;
}
