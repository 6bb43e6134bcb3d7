import { compileCardTemplate, expandCardTemplate, TONE_COLOURS, type AdaptiveCardJson } from './adaptive-card';
import { ANSWER_VERBS, type FollowUp, type ListQuery } from './answer-card-models';
import caseNudgeCardJson from './case-nudge-card.json';
import { teamsChatUrl } from './escalation-card';

const caseNudgeTemplate = compileCardTemplate(caseNudgeCardJson);

/**
 * A nudge about case work — a child's case or a member of staff — worded by the caller:
 *
 * - `reminder`: ahead of the deadline (`Due in 5 working days`, `Due today`) or at a share
 *   of the time allowed, to the person who must act (or whoever stands in for them);
 * - `due`: at the deadline itself;
 * - `missed`: to the owner's manager (or the case's team manager, when nobody holds the
 *   role): what was missed, by whom, how late. Heard cannot reassign case work (the case
 *   system allocates it), so the card offers "Contact" and the team's overdue list;
 * - `handed`: to the holder of the role the standard hands a missed deadline to (momo 4.2:
 *   the social worker does the co-use session the IRO could not);
 * - `missed-team`: for information (the participation team, when nobody else could be told).
 *
 * The case by reference and initials only, a member of staff by name.
 *
 * @example
 * const data: CaseNudgeCardData = {
 *   kind: 'reminder', title: 'Due in 5 working days', subject: { title: 'Case', value: 'C-10442 · AB' },
 *   standardId: 'childrens-services.cic-visiting.35', standardTitle: 'Visits at least every six weeks',
 *   deadline: 'Visit the child by 24:00 Mon 14 Dec', late: null, worker: null, role: null, handedTo: null, coveringFor: null,
 *   obligationId: 'ob_1', record: null,
 * };
 */
export interface CaseNudgeCardData {
  kind: 'reminder' | 'due' | 'missed' | 'handed' | 'missed-team';
  /** The heading: `Due in 5 working days`, `Due today`, `Half the time allowed has gone`; for a breach the caller's `Missed deadline: …`. */
  title: string;
  /** What it is about: `{ title: 'Case', value: 'C-10442 · AB' }` or `{ title: 'Staff', value: 'Sam Patel' }`. */
  subject: { title: string; value: string };
  /** Where the standard comes from: `Mind Of My Own practice standards, 2.1`. */
  standardSource: string;
  standardTitle: string;
  /** What to do by when: `Visit the child by 17:00 Fri 27 Nov`, `… overdue since …`. */
  deadline: string;
  /** For a breach: how late, e.g. `2 working days late`. */
  late: string | null;
  /** Whose deadline it was; the email makes "Contact" a Teams chat link. Null: nobody's. */
  worker: { name: string; email: string | null } | null;
  /** For a breach of a role nobody in Heard holds: the role in words, e.g. `IRO manager`. */
  role: string | null;
  /** For `handed`: the role the standard hands it to, in words, e.g. `social worker`. */
  handedTo: string | null;
  /** When sent to someone covering: the name of the person who is away. */
  coveringFor: string | null;
  obligationId: string;
  /** The record button's title when the recipient can record from Teams what meets it (`Introduced Mind Of My Own`). */
  record: string | null;
}

/** The list the record button shows again after a press: the next seven days. */
const NEXT_SEVEN_DAYS: ListQuery = { kind: 'due', from: null, to: null };

interface CaseNudgeTemplateData {
  title: string;
  colour: string;
  lines: string[];
  hasCovering: boolean;
  covering: string | null;
  facts: { title: string; value: string }[];
  hasRecord: boolean;
  record: string | null;
  obligationId: string;
  list: ListQuery;
  hasContact: boolean;
  contactTitle: string | null;
  contactUrl: string | null;
  question: FollowUp;
  verbs: typeof ANSWER_VERBS;
}

/**
 * Renders a nudge about case work: the title (amber when due, red when missed), a line or
 * two on what it is about and what to do, `For Priya Shah, who is away.` when it went to
 * someone covering, the facts (case or member of staff, standard, deadline, and for a
 * breach how late and whose), then the buttons: the record button (`{ verb: 'case.record',
 * obligationId, list }`) where the recipient can record from Teams what meets it,
 * "Contact Sam Patel" (a Teams chat link) on a breach, and a question to ask next
 * (`{ verb: 'ask', text }`): "What's due this week?" for a reminder, "Who in my team is
 * overdue?" for a breach. No button grants anything. About 2 KB.
 *
 * @example
 * const card = renderCaseNudgeCard({
 *   kind: 'missed', title: 'Missed deadline: C-10442', subject: { title: 'Case', value: 'C-10442 · AB' },
 *   standardId: 'childrens-services.cic-visiting.35', standardTitle: 'Visits at least every six weeks',
 *   deadline: 'Visit the child: overdue since 24:00 Mon 14 Dec', late: '1 working day late',
 *   worker: { name: 'Sam Patel', email: 'sam.patel@council.example' }, role: null, handedTo: null, coveringFor: null, obligationId: 'ob_1', record: null,
 * });
 * // CardFactory.adaptiveCard(card)
 */
export function renderCaseNudgeCard(data: CaseNudgeCardData): AdaptiveCardJson {
  return expandCardTemplate(caseNudgeTemplate, caseNudgeTemplateData(data));
}

function caseNudgeTemplateData(data: CaseNudgeCardData): CaseNudgeTemplateData {
  const missed = data.kind === 'missed' || data.kind === 'handed' || data.kind === 'missed-team';
  const email = missed ? (data.worker?.email?.trim() ?? '') : '';
  const hasContact = data.worker !== null && email !== '';
  return {
    title: data.title,
    colour: data.kind === 'missed' || data.kind === 'handed' ? TONE_COLOURS.attention : data.kind === 'reminder' ? 'Default' : TONE_COLOURS.warning,
    lines: leadLines(data),
    hasCovering: data.coveringFor !== null,
    covering: data.coveringFor === null ? null : `For ${data.coveringFor}, who is away.`,
    facts: [
      { title: data.subject.title, value: data.subject.value },
      { title: 'Standard', value: `${data.standardTitle} · ${data.standardSource}` },
      { title: 'To do', value: data.deadline },
      ...(data.late === null ? [] : [{ title: 'Late', value: data.late }]),
      ...(missed && data.worker !== null ? [{ title: 'Whose', value: data.worker.name }] : []),
      ...(missed && data.role !== null ? [{ title: 'Role', value: `${data.role} (nobody in Heard holds it on this case)` }] : []),
    ],
    hasRecord: data.record !== null,
    record: data.record,
    obligationId: data.obligationId,
    list: NEXT_SEVEN_DAYS,
    hasContact,
    contactTitle: hasContact && data.worker ? `Contact ${data.worker.name}` : null,
    contactUrl: hasContact ? teamsChatUrl(email) : null,
    question: missed ? { title: 'Who in my team is overdue?', text: 'who in my team is overdue?' } : { title: "What's due this week?", text: "what's due this week" },
    verbs: ANSWER_VERBS,
  };
}

function leadLines(data: CaseNudgeCardData): string[] {
  const about = `${data.subject.title === 'Case' ? 'case' : 'staff member'} ${data.subject.value}`;
  switch (data.kind) {
    case 'reminder':
      return [`A reminder about ${about}.`];
    case 'due':
      return [`The deadline for ${about} is now.`];
    case 'missed':
      if (data.worker !== null) {
        return [`${data.worker.name} missed the deadline for ${about}.`, 'As their manager, check in with them — or with the case system, if it was done but not recorded there.'];
      }
      return [
        `The deadline for ${about} was missed.`,
        data.role === null ? 'Nobody in Heard could be told before: decide who follows it up.' : `Nobody in Heard holds the ${data.role} role on this case: allocate it in the case system, or follow it up yourself.`,
      ];
    case 'handed': {
      const whose = data.worker?.name ?? (data.role === null ? 'Someone' : `The ${data.role}`);
      return [`${whose} missed the deadline for ${about}.`, `The standard says it then falls to the ${data.handedTo ?? 'case’s worker'}: that is you. Do it as soon as you can.`];
    }
    case 'missed-team':
      return [`The deadline for ${about} was missed, and nobody else could be told.`, 'Find out who holds the case and let them know.'];
  }
}
