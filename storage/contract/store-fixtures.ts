import type { AuditEvent } from '../../domain/audit-event';
import type { Broadcast, BroadcastRecipient } from '../../domain/broadcast';
import type { Case, CaseEvent, StaffSubject } from '../../domain/case';
import type { Handover } from '../../domain/handover';
import type { RotaShift } from '../../domain/duty-rota';
import { statementObligation, type Obligation } from '../../domain/obligation';
import type { Absence, Person, Team } from '../../domain/person';
import type { CardDelivery, ConversationFlow, ConversationRecord, NudgeRecord } from '../../domain/ports/store.port';
import type { SafetyLinkFollowUp } from '../../domain/safety-link';
import type { Statement } from '../../domain/statement';

/** Saturday 21 November 2026, 10:00 UTC: the instant the fixtures start from. @example aStatement({ sentAt: T0 + HOUR }); */
export const T0 = 1795255200;

/** One hour, in seconds. @example T0 + HOUR; */
export const HOUR = 3600;

/**
 * A statement as intake would create it, with a reference and initials only.
 *
 * @example
 * aStatement({ id: 'st_2', externalId: 'momo-2', status: 'assigned', assigneeIds: ['p_sam'] });
 */
export function aStatement(overrides: Partial<Statement> = {}): Statement {
  return {
    id: 'st_1',
    externalId: 'momo-1',
    sentAt: T0,
    receivedAt: T0 + 60,
    child: { reference: 'C-1001', initials: 'AB' },
    type: 'my-world',
    intendedRecipient: { kind: 'person', email: 'sam@example.org' },
    flags: { complaint: false, safetyLink: false, unidentified: false },
    status: 'received',
    assigneeIds: [],
    routedBy: null,
    caseRecord: null,
    pdf: { bytes: 1024, sha256: 'ab'.repeat(32), purgedAt: null },
    version: 1,
    updatedAt: T0 + 60,
    ...overrides,
  };
}

/**
 * A person in the directory.
 *
 * @example
 * aPerson({ id: 'p_priya', email: 'priya@example.org', roles: ['manager'] });
 */
export function aPerson(overrides: Partial<Person> = {}): Person {
  return {
    id: 'p_sam',
    aadObjectId: null,
    name: 'Sam Example',
    email: 'sam@example.org',
    roles: ['worker'],
    teamId: 't_north',
    lineManagerId: 'p_priya',
    ...overrides,
  };
}

/** @example aTeam({ id: 't_south', name: 'South CiC team' }); */
export function aTeam(overrides: Partial<Team> = {}): Team {
  return { id: 't_north', name: 'North CiC team', managerId: 'p_priya', ...overrides };
}

/** @example anAbsence({ from: '2026-11-23', until: '2026-11-27' }); */
export function anAbsence(overrides: Partial<Absence> = {}): Absence {
  return { id: 'ab_1', personId: 'p_sam', from: '2026-11-23', until: '2026-11-27', coverId: 'p_ali', ...overrides };
}

/**
 * An open obligation with nothing claimed.
 *
 * @example
 * anObligation({ id: 'ob_2', ownerId: 'p_ali', due: T0 + 2 * HOUR, nextNudgeAt: T0 + HOUR });
 */
export function anObligation(overrides: Partial<Obligation> = {}): Obligation {
  return {
    ...statementObligation({
      id: 'ob_1',
      standardId: 'momo.2.1',
      statementId: 'st_1',
      ownerId: 'p_sam',
      ownerRole: 'recipient',
      triggeredAt: T0,
      due: T0 + 8 * HOUR,
      status: overrides.status ?? 'open',
      completedAt: null,
      nextNudgeAt: T0 + 4 * HOUR,
      lease: null,
      version: 1,
    }),
    ...overrides,
  };
}

/** @example anAuditEvent({ id: 'au_2', action: 'statement-assigned', at: T0 + 120 }); */
export function anAuditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: 'au_1',
    at: T0 + 60,
    actor: { kind: 'system', id: 'intake' },
    action: 'statement-received',
    statementId: 'st_1',
    channel: 'api',
    details: { externalId: 'momo-1' },
    ...overrides,
  };
}

/** A statement card delivered to a person's personal chat. @example aCardDelivery({ state: 'not-delivered', reason: 'not-installed' }); */
export function aCardDelivery(overrides: Partial<CardDelivery> = {}): CardDelivery {
  return {
    statementId: 'st_1',
    personId: 'p_sam',
    state: 'delivered',
    reason: null,
    aadObjectId: '00000000-0000-4000-8000-000000000001',
    activityId: '1:card-1',
    at: T0,
    ...overrides,
  };
}

/**
 * A reminder at 50% of an obligation's time, recorded by a scheduler just before it goes out.
 *
 * @example
 * aNudge({ key: 'ob_1:reminder-75:p_sam', kind: 'reminder-75', at: T0 + 6 * HOUR });
 * aNudge({ key: 'digest:2026-11-23:p_priya', obligationId: null, statementId: null, kind: 'digest', recipientId: 'p_priya' });
 */
export function aNudge(overrides: Partial<NudgeRecord> = {}): NudgeRecord {
  return {
    key: 'ob_1:reminder-50:p_sam',
    obligationId: 'ob_1',
    statementId: 'st_1',
    kind: 'reminder-50',
    recipientId: 'p_sam',
    state: 'sending',
    reason: null,
    holder: 'sched-a',
    at: T0 + 4 * HOUR,
    sentAt: null,
    activityId: null,
    ...overrides,
  };
}

/** A Bot Framework conversation reference for a personal chat, as Teams sends it. @example aConversation({ installed: false }); */
export function aConversation(overrides: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    aadObjectId: '00000000-0000-4000-8000-000000000001',
    reference: {
      activityId: 'f:1234',
      user: { id: '29:1abc', aadObjectId: '00000000-0000-4000-8000-000000000001' },
      bot: { id: '28:heard-bot', name: 'Heard' },
      conversation: { id: 'a:1xyz', conversationType: 'personal', tenantId: '11111111-1111-4111-8111-111111111111' },
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
    },
    installed: true,
    updatedAt: T0,
    ...overrides,
  };
}

/** Priya's reassignment, half way: the conversation's own state, as JSON. @example aFlow({ startedAt: T0 + HOUR }); */
export function aFlow(overrides: Partial<ConversationFlow> = {}): ConversationFlow {
  return {
    personId: 'p_priya',
    state: { id: 'fl_1', flow: 'reassign', step: 'until', personId: 'p_sam', targetId: 'p_ali', from: null, until: null, note: 'ça va – “quoted”' },
    startedAt: T0,
    ...overrides,
  };
}

/**
 * Bytes that look like a PDF and contain every byte value, so a lost or altered byte shows.
 *
 * @example
 * aPdf(600_000).length; // 600000
 */
export function aPdf(length: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(length);
  Buffer.from('%PDF-1.4\n').copy(bytes);
  for (let i = 9; i < length; i += 1) bytes[i] = (i * 31 + seed * 17) % 256;
  return bytes;
}

/**
 * A duty manager's shift on the rota: Saturday 21 November 2026, 10:00 to 18:00 UTC.
 *
 * @example
 * aShift({ id: 'rs_2', role: 'duty-officer', personId: 'p_dee' });
 */
export function aShift(overrides: Partial<RotaShift> = {}): RotaShift {
  return { id: 'rs_1', role: 'duty-manager', personId: 'p_dev', from: T0, until: T0 + 8 * HOUR, ...overrides };
}

/**
 * A Safety Link follow-up recorded by a team manager.
 *
 * @example
 * aFollowUp({ decision: 'no-further-action' });
 */
export function aFollowUp(overrides: Partial<SafetyLinkFollowUp> = {}): SafetyLinkFollowUp {
  return { id: 'fu_1', statementId: 'st_1', decision: 'urgent-action', note: 'Spoke with Sam; home visit today.\nPolice informed.', byId: 'p_priya', at: T0 + HOUR, ...overrides };
}

/**
 * A child's case as its first events leave it.
 *
 * @example
 * aCase({ id: 'ca_2', caseRef: 'C-2002', flags: ['child-protection-plan'] });
 */
export function aCase(overrides: Partial<Case> = {}): Case {
  return {
    id: 'ca_1',
    caseRef: 'C-10442',
    initials: 'AB',
    dateOfBirth: '2012-05-01',
    flags: ['looked-after'],
    allocations: { 'social-worker': 'sam@example.org' },
    status: 'open',
    eventCount: 1,
    lastEventAt: T0,
    version: 1,
    updatedAt: T0 + 60,
    ...overrides,
  };
}

/** A member of staff as the subject of supervision standards. @example aStaffSubject({ flags: ['newly-qualified'] }); */
export function aStaffSubject(overrides: Partial<StaffSubject> = {}): StaffSubject {
  return { id: 'sf_1', email: 'sam@example.org', flags: [], eventCount: 1, lastEventAt: T0, version: 1, updatedAt: T0 + 60, ...overrides };
}

/**
 * A visit to a child in care, as a case system sends it.
 *
 * @example
 * aCaseEvent({ eventId: 'LCS-2', occurredAt: T0 + HOUR, seq: 2 });
 */
export function aCaseEvent(overrides: Partial<CaseEvent> = {}): CaseEvent {
  const source = overrides.source ?? 'liquidlogic';
  const eventId = overrides.eventId ?? 'LCS-1';
  return {
    source,
    eventId,
    subject: 'case',
    subjectId: 'ca_1',
    caseRef: 'C-10442',
    childInitials: 'AB',
    staffEmail: null,
    type: 'visit-completed',
    occurredAt: T0,
    occurredDateOnly: false,
    scheduledFor: null,
    scheduledDateOnly: false,
    by: 'sam@example.org',
    details: { kind: 'cic', seenAlone: true },
    supersedes: null,
    identity: `${source}:${eventId}`,
    supersededBy: null,
    seq: 1,
    receivedAt: T0 + 60,
    channel: 'api',
    fingerprint: 'cd'.repeat(32),
    ...overrides,
  };
}

/**
 * An open obligation of a case standard.
 *
 * @example
 * aCaseObligation({ id: 'ob_c2', standardId: 'core-practice.visiting.cp.thereafter' });
 */
export function aCaseObligation(overrides: Partial<Obligation> = {}): Obligation {
  return {
    id: 'ob_c1',
    standardId: 'core-practice.visiting.cla.first-year',
    subject: 'case',
    statementId: null,
    caseId: 'ca_1',
    staffId: null,
    occurrenceKey: 'core-practice.visiting.cla.first-year|liquidlogic:LCS-1',
    ownerId: 'p_sam',
    ownerEmail: 'sam@example.org',
    ownerRole: 'social-worker',
    triggeredAt: T0,
    anchorAt: null,
    due: T0 + 42 * 24 * HOUR,
    status: 'open',
    completedAt: null,
    closedAt: null,
    closedReason: null,
    triggerDateOnly: false,
    stopDateOnly: false,
    nextNudgeAt: T0 + 21 * 24 * HOUR,
    lease: null,
    version: 1,
    ...overrides,
  };
}

/**
 * A notice from the participation team, just confirmed.
 *
 * @example aBroadcast({ id: 'bc_2', createdAt: T0 + HOUR });
 */
export function aBroadcast(overrides: Partial<Broadcast> = {}): Broadcast {
  return {
    id: 'bc_1',
    kind: 'notice',
    createdBy: 'p_jo',
    createdAt: T0,
    audience: 'North CiC team',
    title: 'Office closed on Friday',
    body: 'The office is closed on Friday for training — “fire drill” at 10:00.',
    handoverId: null,
    askRead: true,
    state: 'sending',
    finishedAt: null,
    cancelledBy: null,
    report: null,
    version: 1,
    ...overrides,
  };
}

/** One recipient of `bc_1`, not tried yet. @example aRecipient({ personId: 'p_ali' }); */
export function aRecipient(overrides: Partial<BroadcastRecipient> = {}): BroadcastRecipient {
  return {
    broadcastId: 'bc_1',
    personId: 'p_sam',
    part: 'notice',
    state: 'pending',
    reason: null,
    attempts: 0,
    nextAttemptAt: T0,
    lease: null,
    activityId: null,
    sentAt: null,
    readAt: null,
    version: 1,
    ...overrides,
  };
}

/** Sam's work moved to Ali until Friday, as confirmed and not yet applied. @example aHandover({ state: 'active' }); */
export function aHandover(overrides: Partial<Handover> = {}): Handover {
  return {
    id: 'ho_1',
    fromId: 'p_sam',
    toId: 'p_ali',
    createdBy: 'p_priya',
    createdAt: T0,
    until: '2026-11-27',
    returnAt: T0 + 7 * 24 * HOUR,
    statementIds: ['st_1', 'st_2'],
    obligationIds: ['ob_9'],
    moved: null,
    returned: null,
    state: 'applying',
    returnedAt: null,
    version: 1,
    ...overrides,
  };
}
