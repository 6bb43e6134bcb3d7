import type { AnswerActionData } from '../cards/answer-action-data';
import { renderAnswerCard } from '../cards/answer-card';
import { renderDeliveryReport, renderNotice } from '../cards/broadcast-view';
import { renderLinkCard } from '../cards/link-card';
import type { Broadcast } from '../domain/broadcast';
import type { Person } from '../domain/person';
import type { DialogDeps } from './dialog-deps';
import { card, text, type ActionOutcome, type Reply } from './reply';
import type { Understanding } from './understand';

/**
 * The delivery report of a notice or a reassignment's news — "show me the delivery
 * report", and its card's Refresh, Cancel sending and Export CSV — and "I've read this"
 * on a notice. Who may see a report: whoever confirmed it, and the participation team;
 * who may press "I've read this": the person it was sent to (from their Teams identity).
 *
 * @example
 * const replies = await new BroadcastAnswers(deps).answer(jo, understanding);
 */
export class BroadcastAnswers {
  constructor(private readonly deps: DialogDeps) {}

  /** "Show me the delivery report", "who hasn't read it?", "broadcast the change to everyone affected". */
  async answer(actor: Person, u: Understanding): Promise<Reply[]> {
    const recent = await this.deps.broadcasts.recent(actor, 10);
    const aboutMoves = /\b(change|reassignment|move)s?\b/.test(u.words);
    const latest = (aboutMoves ? recent.find((b) => b.kind === 'reassignment') : undefined) ?? recent[0];
    const lead = aboutMoves ? [text('Everyone a move affects is told in their chat as soon as it is confirmed: the new holder gets the cards, the previous holder and the managers a summary. Here is the delivery report of the latest.')] : [];
    if (!latest) {
      return [...lead, card(renderAnswerCard({
        title: 'No delivery reports yet',
        tone: null,
        lines: this.deps.broadcasts.mayBroadcast(actor)
          ? ['Nothing has been sent yet. Send a notice with, for example: "send a notice to the Riverside team: the office is closed on Friday".']
          : ['Reports are kept for the notices and moves you confirm.'],
        facts: [],
        quote: null,
        followUps: [],
      }))];
    }
    return [...lead, card(await this.reportCard(latest))];
  }

  /** The report card's Refresh: the report as it is now. */
  async report(actor: Person, data: AnswerActionData<'broadcast.report'>): Promise<ActionOutcome> {
    const b = await this.visible(actor, data.broadcastId);
    if (!b) return { replace: null, send: [text('That report is not one you can see.')] };
    return { replace: await this.reportCard(b), send: [] };
  }

  /** Cancel sending: nothing more goes out; the report shows what did. */
  async cancel(actor: Person, data: AnswerActionData<'broadcast.cancel'>): Promise<ActionOutcome> {
    const b = await this.visible(actor, data.broadcastId);
    if (!b) return { replace: null, send: [text('That report is not one you can see, so nothing was cancelled.')] };
    const result = await this.deps.broadcasts.cancel(actor, b.id);
    const fresh = (await this.deps.store.broadcasts.get(b.id)) ?? b;
    if (result.ok) this.deps.broadcastQueued?.(b.id);
    const notice = result.ok ? [text(`Cancelled: ${result.cancelled.toLocaleString('en-GB')} not sent. Anything already on its way completes.`)] : result.code === 'FINISHED' ? [text('It had already finished sending, so there was nothing to cancel.')] : [text('You cannot cancel that one.')];
    return { replace: await this.reportCard(fresh), send: notice };
  }

  /** Export CSV: a short-lived link for the person pressing it. */
  async exportCsv(actor: Person, data: AnswerActionData<'broadcast.export'>): Promise<ActionOutcome> {
    const b = await this.visible(actor, data.broadcastId);
    const link = b ? this.deps.reportLink?.(b.id, actor) ?? null : null;
    if (!b || !link) return { replace: null, send: [text('That report cannot be exported for you.')] };
    return {
      replace: null,
      send: [card(renderLinkCard({
        title: `Delivery report · ${b.title}`,
        lines: [`One row per person: name, e-mail, what they were sent, delivered or not and why, when, and when they read it. The link works for you until ${link.validUntil}.`],
        url: link.url,
        linkTitle: 'Download CSV',
      }))],
    };
  }

  /** "I've read this": recorded for the person pressing it, the notice shows when. */
  async read(actor: Person, data: AnswerActionData<'broadcast.read'>): Promise<ActionOutcome> {
    const result = await this.deps.broadcasts.markRead(actor, data.broadcastId);
    if (!result.ok) return { replace: null, send: [text('That notice was not sent to you, so nothing was recorded.')] };
    if (result.first) this.deps.broadcastQueued?.(result.broadcast.id);
    const sender = await this.deps.store.directory.getPerson(result.broadcast.createdBy);
    return { replace: renderNotice(result.broadcast, sender, result.readAt, this.deps.calendar, this.deps.now()), send: [] };
  }

  private async visible(actor: Person, broadcastId: string): Promise<Broadcast | null> {
    const b = broadcastId ? await this.deps.store.broadcasts.get(broadcastId) : null;
    return b && this.deps.broadcasts.maySeeReport(actor, b) ? b : null;
  }

  private async reportCard(b: Broadcast) {
    const report = await this.deps.broadcasts.report(b.id);
    const cancelledBy = b.cancelledBy ? ((await this.deps.store.directory.getPerson(b.cancelledBy))?.name ?? null) : null;
    if (!report) throw new Error(`broadcast ${b.id} has no report`);
    return renderDeliveryReport(report, { cancelledBy }, this.deps.calendar, this.deps.now());
  }
}
