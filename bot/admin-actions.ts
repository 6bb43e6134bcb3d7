import type { TurnContext } from 'botbuilder';
import { ADMIN_ACTION_DATA, commonChangeOf } from '../cards/admin-action-data';
import { renderAdminCard } from '../cards/admin-card';
import { ADMIN_INPUTS, ADMIN_VERBS, type AdminCardModel, type AdminVerb } from '../cards/admin-card-model';
import { adminOverview, adminPreview, appliedNotice, changeWords } from '../cards/admin-view';
import { settingsFor, type CommonChange } from '../domain/admin-changes';
import { ConfigurationService } from '../domain/configuration-service';
import { mayAdminister } from '../domain/permissions';
import type { Person } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import { problemLine } from '../domain/settings-registry';
import { actorOf } from './actor';
import type { ActionReply } from './statement-actions';

/** What anyone but an administrator is told: nothing about the configuration. */
export const NOT_AN_ADMINISTRATOR = "Heard's settings are for its administrators. If something needs changing, ask your Heard administrator.";

export interface AdminActionsDeps {
  store: Store;
  now: () => number;
  /** Called once a change is made, so that this process takes the new configuration up. */
  changed?: () => void;
}

/**
 * The admin card's handlers: "settings" (or "admin") typed in the personal chat shows the
 * configuration; a common change (a closure day, a one-off holiday, the reminder points)
 * is previewed — the dry run of `heard config --dry-run` — before Confirm applies it,
 * audited as the administrator who pressed it. Confirm pressed twice applies once; a
 * preview the configuration has moved on from is shown again as it now stands. Who may
 * is decided from the Teams identity (`domain/permissions.ts`); anyone else is told
 * politely, and nothing about the settings.
 *
 * @example
 * const admin = new AdminActions({ store, now });
 * const reply = await admin.handle(context, ADMIN_VERBS.preview, { kind: 'closure', adminClosureDate: '2026-11-24' });
 */
export class AdminActions {
  private readonly config: ConfigurationService;

  constructor(private readonly deps: AdminActionsDeps) {
    this.config = new ConfigurationService({ store: deps.store, now: deps.now });
  }

  /** The answer to "settings" typed: the configuration, or the refusal. */
  async settings(context: TurnContext): Promise<ActionReply> {
    const actor = await this.administrator(context);
    return actor ? this.overview(null) : { message: NOT_AN_ADMINISTRATOR, version: null };
  }

  async handle(context: TurnContext, verb: AdminVerb, data: unknown): Promise<ActionReply> {
    const actor = await this.administrator(context);
    if (!actor) return { message: NOT_AN_ADMINISTRATOR, version: null };
    switch (verb) {
      case ADMIN_VERBS.show:
        return this.overview(null);
      case ADMIN_VERBS.preview: {
        const d = ADMIN_ACTION_DATA[ADMIN_VERBS.preview].parse(data);
        const closure = d.kind === 'closure';
        const input = {
          date: closure ? d[ADMIN_INPUTS.closureDate] : d[ADMIN_INPUTS.holidayDate],
          name: closure ? d[ADMIN_INPUTS.closureName] : d[ADMIN_INPUTS.holidayName],
          reminders: d[ADMIN_INPUTS.reminders],
          atDue: d[ADMIN_INPUTS.atDue],
        };
        const checked = commonChangeOf(d.kind, input);
        return checked.ok ? this.preview(checked.change, null) : this.overview({ text: checked.problem, tone: 'attention' });
      }
      case ADMIN_VERBS.confirm: {
        const d = ADMIN_ACTION_DATA[ADMIN_VERBS.confirm].parse(data);
        const checked = commonChangeOf(d.kind, d);
        return checked.ok ? this.confirm(checked.change, d.change, actor) : this.overview({ text: checked.problem, tone: 'attention' });
      }
    }
  }

  /** The person pressing, when they are an administrator. */
  private async administrator(context: TurnContext): Promise<Person | null> {
    const actor = await actorOf(context, this.deps.store.directory);
    return actor && mayAdminister(actor) ? actor : null;
  }

  private async overview(notice: AdminCardModel['notice']): Promise<ActionReply> {
    const org = await this.config.current();
    return { card: renderAdminCard(adminOverview(org, await this.config.roleHolders(), this.deps.now(), notice)), version: null };
  }

  private async preview(change: CommonChange, notice: AdminCardModel['notice']): Promise<ActionReply> {
    const proposed = await this.config.propose(settingsFor(change, await this.config.current()));
    if (!proposed.ok) return this.overview({ text: `${changeWords(change)}: ${proposed.problems.map(problemLine).join('; ')}. Nothing changed.`, tone: 'attention' });
    const { proposal } = proposed;
    const impact = await this.config.preview(proposal);
    const model = adminPreview(change, impact, proposal.before, proposal.after);
    return { card: renderAdminCard(notice ? { ...model, notice } : model), version: null };
  }

  /** Applies the change previewed as `changeId`, if the configuration is still what it was worked out from. */
  private async confirm(change: CommonChange, changeId: string, actor: Person): Promise<ActionReply> {
    const proposed = await this.config.propose(settingsFor(change, await this.config.current()));
    if (!proposed.ok) return this.overview({ text: `${changeWords(change)}: ${proposed.problems.map(problemLine).join('; ')}. Nothing changed.`, tone: 'attention' });
    const { proposal } = proposed;
    if (proposal.changes.length === 0) return this.overview({ text: `Already done: ${changeWords(change)}.`, tone: 'good' });
    if (proposal.id !== changeId) return this.preview(change, { text: 'The settings have changed since that preview. This is what the change would do now: confirm again if it is still right.', tone: 'warning' });
    const result = await this.config.apply(proposal, { kind: 'person', id: actor.id }, 'card');
    if (result.status === 'applied') {
      this.deps.changed?.();
      return this.overview({ text: appliedNotice(change, result.impact), tone: 'good' });
    }
    if (result.status === 'already-applied') return this.overview({ text: `Already done: ${changeWords(change)}.`, tone: 'good' });
    return this.preview(change, { text: 'Someone changed the settings at the same moment. This is what the change would do now: confirm again if it is still right.', tone: 'warning' });
  }
}
