import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCardJson } from '../cards/adaptive-card';
import { renderReviewCard, reviewCardModel, REVIEW_VERBS, type ReviewCardExtras, type ReviewCardModel, type ReviewVerb } from '../cards/review-card';
import type { Person } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import { REVIEW_ACTIONS, type ReviewAction, type ReviewBrief, type ReviewVoice } from '../domain/review-voice';
import type { WorkingCalendar } from '../standards';
import { actorOf, NOT_IN_DIRECTORY } from './actor';
import type { ActionReply } from './statement-actions';
import type { StatementCards } from './statement-cards';

/** What anyone who may not see a review card is told: the same whether it exists or not. */
export const REVIEW_NOT_SHOWN = 'I can’t show you that review. Type "help" to see what I can do for you.';

const ReviewData = z.object({
  obligationId: z.string().min(1).max(200),
  action: z.enum(REVIEW_ACTIONS as [ReviewAction, ...ReviewAction[]]).optional(),
  statementId: z.string().min(1).max(200).optional(),
});

export interface ReviewActionsDeps {
  store: Store;
  voice: ReviewVoice;
  /** The signed download links of statements (the same flow as the statement card's Download). */
  cards: Pick<StatementCards, 'downloadLink'>;
  calendar: WorkingCalendar;
  now: () => number;
}

/**
 * The pre-review card (cards/review-card.ts) as each person sees it, and its buttons:
 * refresh, record an action of 4.3–4.7, Download a statement. Who acts is the Teams
 * identity; only the case's allocated IRO and social worker and their managers see the
 * card or record from it, and anyone else is told nothing about it.
 *
 * @example
 * const reviews = new ReviewActions({ store, voice, cards, calendar, now });
 * const card = await reviews.cardFor('ob_44', sam);
 */
export class ReviewActions {
  constructor(private readonly deps: ReviewActionsDeps) {}

  /** The card for `person`, or null when they may not see it (or it is no review). */
  async cardFor(obligationId: string, person: Person, extras: ReviewCardExtras = {}): Promise<AdaptiveCardJson | null> {
    const brief = await this.deps.voice.brief(obligationId, this.deps.now());
    if (!brief || !(await this.deps.voice.mayAct(person, brief))) return null;
    return renderReviewCard(await this.model(brief, person, extras));
  }

  async handle(context: TurnContext, verb: ReviewVerb, data: unknown): Promise<ActionReply> {
    const parsed = ReviewData.safeParse(data);
    if (!parsed.success) return { message: 'That card is missing what I need: nothing changed.', version: null };
    const actor = await actorOf(context, this.deps.store.directory);
    if (!actor) return { message: NOT_IN_DIRECTORY, version: null };
    const { obligationId, action, statementId } = parsed.data;
    switch (verb) {
      case REVIEW_VERBS.refresh:
        return this.show(obligationId, actor);
      case REVIEW_VERBS.download:
        return this.download(obligationId, actor, statementId);
      case REVIEW_VERBS.record: {
        if (!action) return this.show(obligationId, actor, { text: 'That button no longer says what it records: nothing changed.', tone: 'attention' });
        const result = await this.deps.voice.record(actor, obligationId, action);
        if (!result.ok) {
          if (result.code === 'NOT_FOUND') return { message: REVIEW_NOT_SHOWN, version: null };
          const why = result.code === 'CLOSED' ? 'This review was cancelled: nothing changed.' : 'That is recorded at or after the review itself: nothing changed yet.';
          return this.show(obligationId, actor, { text: why, tone: 'attention' });
        }
        return this.show(obligationId, actor, { text: result.changed ? 'Recorded. Thank you.' : 'Already recorded: nothing changed.', tone: 'good' });
      }
    }
  }

  private async show(obligationId: string, actor: Person, notice: ReviewCardModel['notice'] = null, link: ReviewCardExtras['link'] = null): Promise<ActionReply> {
    const card = await this.cardFor(obligationId, actor, { notice, link });
    return card ? { card, version: null } : { message: REVIEW_NOT_SHOWN, version: null };
  }

  /** A fresh signed link for a statement of the card the actor holds (the download route checks it again). */
  private async download(obligationId: string, actor: Person, statementId: string | undefined): Promise<ActionReply> {
    const brief = await this.deps.voice.brief(obligationId, this.deps.now());
    if (!brief || !(await this.deps.voice.mayAct(actor, brief))) return { message: REVIEW_NOT_SHOWN, version: null };
    const s = brief.statements.find((x) => x.statementId === statementId);
    if (!s || !s.holderIds.includes(actor.id)) return this.show(obligationId, actor, { text: 'Only whoever holds a statement can download it: ask them for a copy. Nothing changed.', tone: 'attention' });
    if (!s.pdfHeld) return this.show(obligationId, actor, { text: 'Heard no longer holds that PDF: open it in the case record.', tone: 'attention' });
    return this.show(obligationId, actor, null, { statementId: s.statementId, ...this.deps.cards.downloadLink(s.statementId, actor) });
  }

  private async model(brief: ReviewBrief, viewer: Person, extras: ReviewCardExtras): Promise<ReviewCardModel> {
    const names = new Map<string, string | null>();
    for (const s of brief.statements) for (const id of s.holderIds) if (!names.has(id)) names.set(id, (await this.deps.store.directory.getPerson(id))?.name ?? null);
    const refreshUserIds: string[] = [];
    for (const email of [brief.iro, brief.socialWorker]) {
      const p = email ? await this.deps.store.directory.findPersonByEmail(email) : null;
      if (p?.aadObjectId && !refreshUserIds.includes(p.aadObjectId)) refreshUserIds.push(p.aadObjectId);
    }
    return reviewCardModel(brief, { id: viewer.id, nameOf: (id) => names.get(id) ?? null }, { calendar: this.deps.calendar, now: this.deps.now() }, { ...extras, refreshUserIds });
  }
}
