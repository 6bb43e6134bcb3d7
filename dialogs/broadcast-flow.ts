import { renderAnswerCard } from '../cards/answer-card';
import { renderConfirmCard } from '../cards/confirm-card';
import type { Audience, AudienceSpec } from '../domain/broadcasts';
import type { Person, Role } from '../domain/person';
import type { DialogDeps } from './dialog-deps';
import type { FlowState } from './flow-state';
import { normalise } from './normalise';
import { card, text, type ActionOutcome, type Reply } from './reply';
import type { Understanding } from './understand';

/** Names listed in a notice's preview; the count above it is exact. */
const MAX_NAMES = 20;
/** A notice's title: its first line or sentence, at most this long. */
const MAX_TITLE = 80;

/** Role words a notice may be addressed to. */
const ROLE_WORDS: readonly [RegExp, Role][] = [
  [/\b(team )?managers?\b/, 'manager'],
  [/\b(social )?workers?\b|\bpractitioners?\b/, 'worker'],
  [/\bparticipation\b/, 'participation'],
  [/\bheads? of service\b/, 'head-of-service'],
  [/\bduty managers?\b/, 'duty-manager'],
  [/\bcomplaints? officers?\b/, 'complaints-officer'],
  [/\badmin(istrator)?s\b/, 'admin'],
];

/**
 * A notice from the participation team, in a few turns: who it is for (a team, a role, or
 * everyone), what it says, then a preview with the exact number of people and their
 * names; above a threshold a second confirmation ("Send to all 2,000?"). Confirming queues
 * it under the preview's id, so a double press sends nothing twice.
 *
 * @example
 * const flow = new BroadcastFlow(deps, save);
 * await flow.start(jo, newFlow, understanding);
 */
export class BroadcastFlow {
  constructor(
    private readonly deps: DialogDeps,
    private readonly save: (actor: Person, flow: FlowState) => Promise<void>,
  ) {}

  async start(actor: Person, flow: FlowState, u: Understanding): Promise<Reply[]> {
    if (!this.deps.broadcasts.mayBroadcast(actor)) {
      return [text('Notices to a team, a role or everyone are sent by the participation team. Ask them, or tell your team in its channel.')];
    }
    const problems: string[] = [];
    if (u.audience) flow.audience = await this.audienceFrom(actor, u.audience, problems);
    if (u.notice) this.setText(flow, u.notice);
    return this.next(actor, flow, problems);
  }

  async continue(actor: Person, flow: FlowState, words: string, u: Understanding): Promise<Reply[]> {
    const problems: string[] = [];
    if (flow.step === 'audience') flow.audience = await this.audienceFrom(actor, u.audience ?? words, problems);
    else if (flow.step === 'text') this.setText(flow, words);
    else {
      // At the preview: a change of audience or text, else a reminder of the buttons.
      if (u.audience) flow.audience = (await this.audienceFrom(actor, u.audience, problems)) ?? flow.audience;
      else if (u.notice) this.setText(flow, u.notice);
      else problems.push('Press Send or Cancel on the card above. You can also change it: "to all managers instead", or type the notice again after "saying".');
    }
    return this.next(actor, flow, problems);
  }

  /** Send (and, above the threshold, Send again to confirm); `clear` forgets the flow. */
  async press(actor: Person, flow: FlowState, choice: string, clear: () => Promise<void>): Promise<ActionOutcome> {
    const audience = flow.audience ? await this.deps.broadcasts.audienceOf(flow.audience) : null;
    if (!audience || !flow.title || !flow.text || (flow.step !== 'confirm' && flow.step !== 'confirm-all')) {
      await clear();
      return { replace: null, send: [text('Something was missing, so nothing was sent. Ask me again.')] };
    }
    const above = await this.deps.broadcasts.secondConfirmationAbove();
    if (audience.people.length > above && (flow.step !== 'confirm-all' || choice !== 'send-confirmed')) {
      flow.step = 'confirm-all';
      await this.save(actor, flow);
      return {
        replace: renderConfirmCard({
          flowId: flow.id,
          title: `Send to all ${count(audience.people.length)} people?`,
          lines: [`“${flow.title}” goes to ${audience.label}: ${count(audience.people.length)} people, each in their personal chat.`, 'Once it starts you can cancel what has not gone yet, but not take back what has.'],
          items: [],
          more: null,
          warning: `This is more than ${count(above)} people.`,
          choices: [{ title: `Yes, send to all ${count(audience.people.length)}`, choice: 'send-confirmed' }],
          cancelTitle: 'Cancel',
        }),
        send: [],
      };
    }
    await clear();
    const created = await this.deps.broadcasts.createNotice(actor, `bc_${flow.id}`, flow.audience as AudienceSpec, flow.title, flow.text);
    if (!created.ok) {
      const why = created.code === 'NO_RECIPIENTS' ? 'Nobody is in that audience now, so nothing was sent.' : 'Only the participation team can send notices, so nothing was sent.';
      return { replace: renderAnswerCard({ title: 'Not sent', tone: 'warning', lines: [why], facts: [], quote: null, followUps: [] }), send: [] };
    }
    this.deps.broadcastQueued?.(created.broadcast.id);
    const recipients = (await this.deps.store.broadcasts.listRecipients(created.broadcast.id)).length;
    return {
      replace: renderAnswerCard({
        title: created.created ? 'Sending' : 'Already sending',
        tone: 'good',
        lines: [`“${created.broadcast.title}” is going to ${created.broadcast.audience}: ${count(recipients)} people.`, 'Your delivery report follows in this chat and updates as it goes; it has Cancel sending while it sends.'],
        facts: [],
        quote: null,
        followUps: [{ title: 'Delivery report', text: 'show me the delivery report' }],
      }),
      send: [],
    };
  }

  private async next(actor: Person, flow: FlowState, problems: string[]): Promise<Reply[]> {
    const lead = problems.map(text);
    const ask = async (step: FlowState['step'], question: string): Promise<Reply[]> => {
      flow.step = step;
      await this.save(actor, flow);
      return [...lead, text(question)];
    };
    if (!flow.audience) return ask('audience', 'Who is it for? A team ("the Riverside team"), a role ("all managers", "the participation team") or "everyone".');
    if (!flow.text || !flow.title) return ask('text', 'What should it say? Type it as it should read; the first line or sentence is its title.');
    const audience = await this.deps.broadcasts.audienceOf(flow.audience);
    if (!audience || audience.people.length === 0) {
      flow.audience = null;
      return ask('audience', 'Nobody is in that audience now. Who should it go to instead?');
    }
    flow.step = 'confirm';
    await this.save(actor, flow);
    return [...lead, card(await this.preview(flow, audience))];
  }

  private async preview(flow: FlowState, audience: Audience) {
    const above = await this.deps.broadcasts.secondConfirmationAbove();
    const n = audience.people.length;
    return renderConfirmCard({
      flowId: flow.id,
      title: `Send “${flow.title}” to ${count(n)} ${n === 1 ? 'person' : 'people'}?`,
      lines: [
        `To ${audience.label}, each in their personal chat with “I've read this”.`,
        `It reads: ${flow.text}`,
        'You get a delivery report that updates as it goes: delivered, read, not reached (by name), with Cancel sending while it sends.',
      ],
      items: audience.people.slice(0, MAX_NAMES).map((p) => p.name),
      more: n > MAX_NAMES ? `and ${count(n - MAX_NAMES)} more (the delivery report's CSV lists everyone)` : null,
      warning: n > above ? `That is ${count(n)} people: you will be asked once more before it goes.` : null,
      choices: [{ title: `Send to ${count(n)}`, choice: 'send' }],
      cancelTitle: 'Cancel',
    });
  }

  private setText(flow: FlowState, typed: string): void {
    const body = typed.trim().slice(0, 2000);
    if (body.length === 0) return;
    const first = body.split(/\n|(?<=[.!?])\s/)[0].trim();
    const title = first.length > MAX_TITLE ? `${first.slice(0, MAX_TITLE - 1).trimEnd()}…` : first;
    flow.title = title.charAt(0).toUpperCase() + title.slice(1);
    flow.text = body;
  }

  /** Who words mean: everyone, a role's holders, a team by name, or the asker's own team. */
  private async audienceFrom(actor: Person, words: string, problems: string[]): Promise<AudienceSpec | null> {
    const said = words.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, ' ').replace(/\s+/g, ' ').trim();
    if (/\b(everyone|everybody|all staff|whole service|the service|all teams|every team)\b/.test(said)) return { kind: 'everyone' };
    const teams = await this.deps.store.directory.listTeams();
    const named = teamWords(said);
    if (/\b(my|our) team\b/.test(said)) {
      const mine = teams.find((t) => t.managerId === actor.id) ?? teams.find((t) => t.id === actor.teamId);
      if (mine) return { kind: 'team', teamId: mine.id };
    }
    const team = named.length >= 3 ? teams.filter((t) => [t.name.toLowerCase(), teamWords(t.name)].some((name) => name.includes(named) || named.includes(teamWords(name)))) : [];
    if (team.length === 1) return { kind: 'team', teamId: team[0].id };
    for (const [pattern, role] of ROLE_WORDS) if (pattern.test(said)) return { kind: 'role', role };
    if (team.length > 1) problems.push(`More than one team matches "${words}": ${team.map((t) => t.name).join(', ')}. Say the full name.`);
    else problems.push(`I can't tell who "${words}" is. Teams: ${teams.map((t) => t.name).join(', ') || 'none yet'}.`);
    return null;
  }
}

/** A team's name or what was typed for it, as words to compare: shorthand spelt out ("CiC"), "the" and "team" dropped. */
function teamWords(text: string): string {
  return normalise(text.toLowerCase()).text.replace(/\b(the|to|team|all|of|everyone|everybody|send|a|notice)\b/g, ' ').replace(/\s+/g, ' ').trim();
}

/** `1,234`. */
function count(n: number): string {
  return n.toLocaleString('en-GB');
}
