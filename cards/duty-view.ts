import type { AuditEvent } from '../domain/audit-event';
import { DUTY_STEP_ORDER, DUTY_STEP_ROLE, DUTY_STEPS, IDENTIFIED_ACTION, mayIdentify, nextDutySteps, type DutyStep } from '../domain/duty-procedure';
import type { Obligation } from '../domain/obligation';
import { mayTakeDutyStep } from '../domain/permissions';
import type { Person } from '../domain/person';
import type { Statement } from '../domain/statement';
import { isExternalRole, type Standard, type WorkingCalendar } from '../standards';
import type { DutyCardModel, DutyStepLine } from './duty-card-model';
import { whenText } from './local-time';
import type { ClockLine } from './statement-card-model';
import { clockLine, standardText } from './statement-words';

/** What a duty card is built from: the stored facts, the viewer and the moment. */
export interface DutyViewInput {
  statement: Statement;
  obligations: Obligation[];
  audit: AuditEvent[];
  /** Names of the people involved (duty holders, whoever acted, the new assignees), by id. */
  names: Map<string, string>;
  viewer: Person | null;
  /** The viewer's Teams user id (`29:…`), to refresh to their own view. */
  viewerTeamsId: string | null;
  standards: Map<string, Standard>;
  calendar: WorkingCalendar;
  now: number;
  /** Where the duty manager's deletion request goes (the `mind-of-my-own` setting); may be empty. */
  deletionRequestsTo: readonly string[];
  notice?: DutyCardModel['notice'];
}

/** Each step as the card lists it. */
const STEP_TITLES: Readonly<Record<DutyStep, string>> = {
  'duty-records-checked': 'Child View and LCS checked, duty manager told',
  'young-person-contacted': 'Young person contacted directly',
  'follow-up-email-sent': 'Follow-up e-mail sent: two days to get in touch, deletion requested after three working days',
  'young-person-responded': 'Young person responded',
  'deletion-requested': 'Deletion requested from Mind Of My Own (statement ID only)',
};

/** Each step's button. @example DUTY_BUTTON_TITLES['young-person-contacted']; // 'Young person contacted' */
export const DUTY_BUTTON_TITLES: Readonly<Record<DutyStep, string>> = {
  'duty-records-checked': 'Records checked, duty manager told',
  'young-person-contacted': 'Young person contacted',
  'follow-up-email-sent': 'Follow-up e-mail sent',
  'young-person-responded': 'Young person responded',
  'deletion-requested': 'Deletion requested',
};

/** Where the procedure stands after its latest step, for the people following it. */
const NEXT_WORDS: Readonly<Record<DutyStep | 'new', string>> = {
  new: 'New: cross-reference the given name with Child View and LCS, then tell the duty manager',
  'duty-records-checked': 'Records checked: contact the young person, unless the records identify them',
  'young-person-contacted': 'Contacted: waiting to hear from the young person; if they do not reply, send the follow-up e-mail',
  'follow-up-email-sent': 'Waiting for the young person to get in touch',
  'young-person-responded': 'The young person responded: identify them',
  'deletion-requested': 'Deletion requested',
};

const NOBODY_ON_THE_ROTA = 'Participation team (nobody was on the duty rota)';

/**
 * The duty card of an unidentified young person's statement for one viewer: the steps
 * done (who, when), the running clocks, the buttons this viewer may press now (their role
 * in the procedure, domain/permissions.ts), and for the duty manager what to send to Mind
 * Of My Own. Never the statement's content or the young person's name; their initials
 * only once identified.
 *
 * @example
 * const model = dutyCardModel({ statement, obligations, audit, names, viewer: dee, viewerTeamsId: '29:1', standards, calendar, now, deletionRequestsTo: [] });
 */
export function dutyCardModel(input: DutyViewInput): DutyCardModel {
  const { statement: s, calendar: cal, now, viewer } = input;
  const nameOf = (id: string) => input.names.get(id) ?? 'someone no longer in the directory';
  const eventOf = (action: string) => input.audit.find((e) => e.action === action);
  const done = new Set(input.audit.map((e) => e.action));
  const identified = eventOf(IDENTIFIED_ACTION);
  const duty = s.duty ?? { officerIds: [], managerIds: [] };
  // A response and a deletion request exclude each other: once one is recorded the other is not listed.
  const listed = DUTY_STEP_ORDER.filter(
    (step) => !(step === DUTY_STEPS.deletionRequested && done.has(DUTY_STEPS.responded)) && !(step === DUTY_STEPS.responded && done.has(DUTY_STEPS.deletionRequested)),
  );
  const steps: DutyStepLine[] = listed.map((step) => {
    const event = eventOf(step);
    return { title: STEP_TITLES[step], detail: event ? `${nameOf(event.actor.id)}, ${whenText(cal, event.at, now)}` : '', done: event !== undefined };
  });
  if (identified) steps.push({ title: `Identified as ${s.child.reference} · ${s.child.initials}`, detail: `${nameOf(identified.actor.id)}, ${whenText(cal, identified.at, now)}`, done: true });

  const allowed = (step: DutyStep) => viewer !== null && mayTakeDutyStep(viewer, s, DUTY_STEP_ROLE[step]);
  const next = nextDutySteps(done);
  const deletionDue = next.includes(DUTY_STEPS.deletionRequested) && allowed(DUTY_STEPS.deletionRequested);
  return {
    statementId: s.id,
    title: identified ? `Identified: ${s.child.reference} · ${s.child.initials}` : 'Unidentified young person',
    externalId: s.externalId,
    receivedAt: whenText(cal, s.receivedAt, now),
    officers: duty.officerIds.length > 0 ? duty.officerIds.map(nameOf).join(' and ') : NOBODY_ON_THE_ROTA,
    managers: duty.managerIds.length > 0 ? duty.managerIds.map(nameOf).join(' and ') : done.has(DUTY_STEPS.recordsChecked) ? NOBODY_ON_THE_ROTA : 'Not told yet',
    statusLine: statusLine(input, done, nameOf),
    steps,
    clocks: identified ? [] : clocks(input),
    actions: next.filter(allowed).map((step) => ({ step, title: DUTY_BUTTON_TITLES[step] })),
    // Identifying is the duty officer's, like the steps before it.
    canIdentify: mayIdentify(done) && viewer !== null && mayTakeDutyStep(viewer, s, 'duty-officer'),
    deletionRequest: deletionDue ? deletionRequest(s.externalId, input.deletionRequestsTo) : null,
    notice: input.notice ?? null,
    refreshUserIds: input.viewerTeamsId ? [input.viewerTeamsId] : [],
  };
}

function statusLine(input: DutyViewInput, done: Set<string>, nameOf: (id: string) => string): string {
  const { statement: s, calendar: cal, now } = input;
  const identified = input.audit.find((e) => e.action === IDENTIFIED_ACTION);
  if (identified) {
    const withWhom = s.assigneeIds.length > 0 ? `now with ${s.assigneeIds.map(nameOf).join(' and ')}` : 'now in the participation team’s queue';
    return `Identified by ${nameOf(identified.actor.id)}, ${whenText(cal, identified.at, now)}; ${withWhom}`;
  }
  const deletion = input.audit.find((e) => e.action === DUTY_STEPS.deletionRequested);
  if (deletion) {
    return `Deletion requested by ${nameOf(deletion.actor.id)}, ${whenText(cal, deletion.at, now)}. The duty officer tells the young person that a request has been made to delete their information.`;
  }
  const latest = [...DUTY_STEP_ORDER].reverse().find((step) => done.has(step));
  return NEXT_WORDS[latest ?? 'new'];
}

/** The procedure's open clocks; the young person's reply window reads as theirs, never as anyone's overdue work. */
function clocks(input: DutyViewInput): ClockLine[] {
  const lines: { due: number; line: ClockLine }[] = [];
  for (const o of input.obligations) {
    const standard = input.standards.get(o.standardId);
    if (!standard || o.status !== 'open') continue;
    if (isExternalRole(standard.owner)) {
      const by = whenText(input.calendar, o.due, input.now);
      const text = input.now > o.due ? `No reply from the young person by ${by}` : `The young person was asked to get in touch by ${by}`;
      lines.push({ due: o.due, line: { text, standard: standardText(standard), state: 'running' } });
    } else {
      lines.push({ due: o.due, line: clockLine(o, standard, input.calendar, input.now) });
    }
  }
  return lines.sort((a, b) => a.due - b.due).map((l) => l.line);
}

/**
 * What the duty manager sends: "providing the statement ID number only. IMPORTANT: PLEASE
 * DO NOT EVER SEND THE STATEMENT OR YOUNG PERSON’S DETAILS TO A MIND OF MY OWN EMPLOYEE"
 * (yjs). The e-mail carries the Mind Of My Own statement id and nothing else about them.
 */
function deletionRequest(externalId: string, to: readonly string[]): NonNullable<DutyCardModel['deletionRequest']> {
  const subject = `Deletion request: statement ${externalId}`;
  const body = [
    'Hello,',
    '',
    `We have not been able to identify the young person who sent Mind Of My Own statement ${externalId}, and they have not replied to us. Please delete their details.`,
    '',
    `Statement ID: ${externalId}`,
  ].join('\r\n');
  return {
    lines: [
      `E-mail your Mind Of My Own account manager and information security administrator, giving the statement ID only: ${externalId}.`,
      'Never send the statement or the young person’s details to anyone at Mind Of My Own.',
      'Then press Deletion requested.',
    ],
    mailto: `mailto:${to.join(',')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`,
  };
}
