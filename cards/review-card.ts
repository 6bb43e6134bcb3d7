import type { ReviewAction, ReviewBrief } from '../domain/review-voice';
import type { WorkingCalendar } from '../standards';
import { compileCardTemplate, expandCardTemplate, TONE_COLOURS, type AdaptiveCardJson, type CardTone } from './adaptive-card';
import { dateAndTime, dayName, whenText } from './local-time';
import reviewCardJson from './review-card.json';
import { typeLabel } from './statement-words';

const reviewTemplate = compileCardTemplate(reviewCardJson);

/** The review card's verbs, shared by the template and bot/review-actions.ts. @example REVIEW_VERBS.record; // 'review.record' */
export const REVIEW_VERBS = {
  refresh: 'review.refresh',
  record: 'review.record',
  download: 'review.download',
} as const;

/** @example const v: ReviewVerb = 'review.download'; */
export type ReviewVerb = (typeof REVIEW_VERBS)[keyof typeof REVIEW_VERBS];

/**
 * Each action's button: a title short enough for Teams on a phone (which cuts long ones),
 * naming its standard, and the full words of standards 4.3–4.7 as its tooltip.
 */
const ACTION_BUTTONS: Readonly<Record<ReviewAction, { title: string; tooltip: string }>> = {
  'invitation-sent': { title: 'Invitation sent (4.3)', tooltip: 'Invitation to make a statement sent to the child and family' },
  'views-checked': { title: "Child's views checked (4.4)", tooltip: "Checked: the child's views are evidenced" },
  'iro-action': { title: 'IRO has taken action (4.4)', tooltip: 'IRO has taken action' },
  'statement-taken': { title: 'Taken to the meeting (4.5)', tooltip: 'Statement taken to the meeting' },
  'momo-asked': { title: 'Asked about Mind Of My Own (4.6)', tooltip: 'Child asked about Mind Of My Own; recorded in the minutes' },
  'not-introduced': { title: 'Not yet introduced (4.7)', tooltip: 'Not yet introduced: ask the social worker to do so at the next statutory visit' },
};

/** What the card says once each is recorded. */
const DONE_WORDS: Readonly<Record<ReviewAction, string>> = {
  'invitation-sent': '✓ Invitation to make a statement sent (4.3)',
  'views-checked': "✓ The child's views checked (4.4)",
  'iro-action': '✓ IRO has taken action (4.4)',
  'statement-taken': '✓ Statement taken to the meeting (4.5)',
  'momo-asked': '✓ Asked about Mind Of My Own at the review; in the minutes (4.6)',
  'not-introduced': '✓ Not yet introduced: the social worker is asked to do so at the next statutory visit (4.7)',
};

/**
 * The review card for one viewer: references and initials only.
 *
 * @example
 * renderReviewCard(reviewCardModel(brief, sam, { calendar, now }));
 */
export interface ReviewCardModel {
  obligationId: string;
  title: string;
  reviewLine: string;
  deadlineLine: string;
  deadlineTone: CardTone | null;
  stateLine: string | null;
  notice: { text: string; tone: CardTone } | null;
  statementsHeading: string;
  statements: {
    statementId: string;
    line: string;
    status: string;
    holderNote: string | null;
    downloadable: boolean;
    link: { url: string; validUntil: string } | null;
  }[];
  noneText: string | null;
  done: string[];
  actions: { action: ReviewAction; title: string; tooltip: string }[];
  refreshUserIds: string[];
}

/** What one rendering adds: a notice after an action, a fresh download link, who the card refreshes for. */
export interface ReviewCardExtras {
  notice?: ReviewCardModel['notice'];
  link?: { statementId: string; url: string; validUntil: string } | null;
  refreshUserIds?: string[];
}

/** Who views it: their id (for Download: only a statement's holders may download it) and names of holders. */
export interface ReviewViewer {
  id: string;
  nameOf: (personId: string) => string | null;
}

/**
 * The model of the card for `viewer` at `now`: the statements with what was done with
 * each, the deadline of 4.3/4.4 (moved when the review is rescheduled), and the actions
 * still to record — before the review, 4.3 and 4.4; from its start, 4.5, 4.6 and 4.7.
 * A cancelled review's card offers nothing.
 *
 * @example
 * const model = reviewCardModel(brief, { id: 'p_sam', nameOf }, { calendar, now }, null, null);
 */
export function reviewCardModel(
  brief: ReviewBrief,
  viewer: ReviewViewer,
  ctx: { calendar: WorkingCalendar; now: number },
  extras: ReviewCardExtras = {},
): ReviewCardModel {
  const cal = ctx.calendar;
  const checkDone = brief.check.status === 'met';
  const invitationDone = brief.invitation?.status === 'met';
  const late = !checkDone && brief.state === 'scheduled' && ctx.now > brief.deadline;
  const statements = brief.statements.map((s) => {
    const holds = s.holderIds.includes(viewer.id);
    const holders = s.holderIds.map((id) => viewer.nameOf(id)).filter((n): n is string => n !== null);
    return {
      statementId: s.statementId,
      line: `${typeLabel(s.type)} · sent ${dateAndTime(cal, s.sentAt)}${s.reference !== brief.caseRef ? ` · child reference ${s.reference}` : ''}`,
      status: `${s.opened ? 'Opened' : 'Not opened yet'} · ${s.saved ? 'Saved to the case record' : 'Not saved to the case record yet'}`,
      holderNote: holds ? (s.pdfHeld ? null : 'Heard no longer holds the PDF: open it in the case record.') : holders.length > 0 ? `Held by ${holders.join(' and ')}: they can download it.` : null,
      downloadable: holds && s.pdfHeld && brief.state !== 'cancelled',
      link: extras.link && extras.link.statementId === s.statementId ? { url: extras.link.url, validUntil: extras.link.validUntil } : null,
    };
  });
  const actions: ReviewAction[] = [];
  if (brief.state !== 'cancelled') {
    if (!invitationDone && !brief.recorded.includes('invitation-sent') && brief.invitation !== null) actions.push('invitation-sent');
    if (!checkDone) actions.push(brief.statements.length > 0 ? 'views-checked' : 'iro-action');
    if (brief.begun) {
      if (brief.statements.length > 0 && brief.taken?.status !== 'met' && !brief.recorded.includes('statement-taken')) actions.push('statement-taken');
      if (brief.asked?.status !== 'met' && !brief.recorded.includes('momo-asked') && !brief.recorded.includes('not-introduced')) {
        actions.push('momo-asked');
        if (!brief.introduced) actions.push('not-introduced');
      }
    }
  }
  const done = brief.recorded.map((a) => DONE_WORDS[a]);
  if (brief.request) {
    done.push(
      brief.request.status === 'met'
        ? `✓ The next statutory visit took place ${dayName(cal, brief.request.completedAt ?? brief.request.due)} (4.7)`
        : `The social worker introduces Mind Of My Own at the next statutory visit, due by ${whenText(cal, brief.request.due, ctx.now)} (4.7)`,
    );
  }
  return {
    obligationId: brief.obligationId,
    title: `CiC review: ${brief.caseRef} · ${brief.initials}`,
    reviewLine: `Review ${brief.state === 'held' ? 'held' : 'on'} ${dateAndTime(cal, brief.reviewAt)}`,
    deadlineLine: checkDone && (invitationDone || brief.invitation === null)
      ? `Invitation and check done before the review (4.3, 4.4).`
      : `Invitation (4.3) and check of the child's views (4.4) due by ${whenText(cal, brief.deadline, ctx.now)}${late ? ': overdue' : ''}`,
    deadlineTone: late ? 'attention' : null,
    stateLine: brief.state === 'cancelled' ? 'This review was cancelled: nothing more is due for it.' : null,
    notice: extras.notice ?? null,
    statementsHeading: brief.since === null ? 'Statements the child has sent' : `Statements the child sent since their last review (${dayName(cal, brief.since)})`,
    statements,
    noneText:
      statements.length > 0
        ? null
        : 'None. Standards 4.3 and 4.4 ask for an invitation to make a statement to be sent to the child and family, and for the IRO to take action if the child’s views are not evidenced through a statement.',
    done,
    actions: actions.map((action) => ({ action, ...ACTION_BUTTONS[action] })),
    refreshUserIds: extras.refreshUserIds ?? [],
  };
}

/**
 * Renders the review card (Adaptive Card 1.5), refreshed for its recipients when they open it.
 *
 * @example
 * const card = renderReviewCard(model);
 */
export function renderReviewCard(model: ReviewCardModel): AdaptiveCardJson {
  return expandCardTemplate(reviewTemplate, {
    ...model,
    verbs: REVIEW_VERBS,
    deadlineWeight: model.deadlineTone ? 'Bolder' : 'Default',
    deadlineColour: model.deadlineTone ? TONE_COLOURS[model.deadlineTone] : 'Default',
    hasState: model.stateLine !== null,
    stateLine: model.stateLine ?? '',
    hasNotice: model.notice !== null,
    notice: model.notice?.text ?? '',
    noticeColour: model.notice ? TONE_COLOURS[model.notice.tone] : 'Default',
    statements: model.statements.map((s) => ({
      ...s,
      obligationId: model.obligationId,
      downloadVerb: REVIEW_VERBS.download,
      hasHolderNote: s.holderNote !== null,
      holderNote: s.holderNote ?? '',
      hasLink: s.link !== null,
      linkUrl: s.link?.url ?? '',
      linkValidUntil: s.link?.validUntil ?? '',
    })),
    hasNone: model.noneText !== null,
    noneText: model.noneText ?? '',
    hasActions: model.actions.length > 0,
    actions: model.actions.map((a) => ({ ...a, verb: REVIEW_VERBS.record, obligationId: model.obligationId })),
  });
}
