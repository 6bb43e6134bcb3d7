import type { CaseEscalation } from '../cards/case-nudge-view';
import type { Person } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import type { CaseWorkItem, StaffWorkItem } from '../domain/worklists';
import type { DeliveryResult, NudgeOutbox } from './nudge-outbox';
import type { Recipient, Recipients } from './recipients';

/** Case work the scheduler escalates: a child's case or a member of staff. */
type CaseWork = CaseWorkItem | StaffWorkItem;

/** Manager roles an escalation's `to` may name: the owner's line manager. */
const LINE_MANAGER_ROLES: ReadonlySet<string> = new Set(['line-manager', 'team-manager']);

export interface CaseEscalationsDeps {
  store: Store;
  recipients: Recipients;
  outbox: NudgeOutbox;
  now: () => number;
  /** Today's local date (absences are read for it). */
  today: () => string;
}

/**
 * Who hears when a deadline of case work is missed, and telling them. Heard cannot
 * reassign case work — the case system allocates it — so a breach goes to the person who
 * can follow it up: the holder of the role the standard's own escalation names (momo 4.2:
 * the child's social worker does the co-use session the IRO could not), else the owner's
 * line manager; for a role nobody in Heard holds on the
 * case, the case's team manager (allocated as `team-manager`, else the line managers of
 * the people allocated to it); for a member of staff, their line manager. Whoever stands
 * in for an absent manager hears instead; when nobody can be told, the participation
 * team. Each escalation is audited on the case.
 *
 * @example
 * const escalations = new CaseEscalations({ store, recipients, outbox, now, today });
 * await escalations.escalate(item); // ['sent']
 */
export class CaseEscalations {
  constructor(private readonly deps: CaseEscalationsDeps) {}

  /** Tells whoever follows up a missed deadline of case work, once each. */
  async escalate(item: CaseWork): Promise<DeliveryResult[]> {
    const { recipients } = this.deps;
    const o = item.obligation;
    const date = this.deps.today();
    const owner = o.ownerId ? await this.deps.store.directory.getPerson(o.ownerId) : null;
    const escalation = item.standard.escalation;
    const to = escalation?.to ?? 'line-manager';

    const messages: { recipient: Recipient; variant: CaseEscalation['variant'] }[] = [];
    const add = (recipient: Recipient, variant: CaseEscalation['variant']) => {
      if (!messages.some((m) => m.recipient.person.id === recipient.person.id)) messages.push({ recipient, variant });
    };
    if (LINE_MANAGER_ROLES.has(to)) {
      for (const target of owner ? await recipients.escalationTargets('line-manager', [owner], date) : await this.managersOf(item, date)) add(target, 'manager');
    } else {
      // The standard hands it to a role (momo 4.2: the social worker does the co-use session the IRO could not).
      for (const target of await this.holdersOf(item, to, date)) add(target, 'handed');
      // Nobody Heard can reach holds that role: the case's managers follow it up.
      if (messages.length === 0) for (const target of await this.managersOf(item, date)) add(target, 'manager');
    }
    for (const role of escalation?.notify ?? []) for (const person of await recipients.holdersOf(role, date)) add({ person, forPerson: null }, 'team');
    if (messages.length === 0) for (const person of await recipients.participationTeam(date)) add({ person, forPerson: null }, 'team');

    const results: DeliveryResult[] = [];
    for (const { recipient, variant } of messages) {
      const subject = { key: `${o.id}:breach:${recipient.person.id}`, kind: 'breach', obligationId: o.id, statementId: null };
      const result = await this.deps.outbox.deliver(subject, recipient.person, { type: 'case-escalation', variant, item, owner, handedTo: variant === 'handed' ? to : null, forPerson: recipient.forPerson });
      if (result === 'sent' || result === 'undelivered') {
        await this.deps.store.audit.append({
          id: `au_${subject.key}`,
          at: this.deps.now(),
          actor: { kind: 'system', id: 'scheduler' },
          action: 'obligation-escalated',
          statementId: null,
          caseId: item.subject === 'case' ? item.case.id : null,
          channel: 'scheduler',
          details: { obligation: o.id, standard: item.standard.id, to: recipient.person.id, variant, delivered: result === 'sent' },
        });
      }
      results.push(result);
    }
    return results;
  }

  /**
   * The managers of case work, present on the date (or whoever stands in for them): on a
   * case, the person allocated as its team manager, else the line managers of everyone
   * allocated to it; about a member of staff, their line manager.
   */
  async managersOf(item: CaseWork, date: string): Promise<Recipient[]> {
    const { recipients, store } = this.deps;
    const found: Recipient[] = [];
    const add = (r: Recipient | null) => {
      if (r && !found.some((f) => f.person.id === r.person.id)) found.push(r);
    };
    if (item.subject === 'staff') {
      const manager = item.person ? await recipients.lineManagerOf(item.person) : null;
      add(manager ? await recipients.standIn(manager, date) : null);
      return found;
    }
    const teamManager = await this.allocated(item, 'team-manager');
    if (teamManager) {
      add(await recipients.standIn(teamManager, date));
      return found;
    }
    for (const email of new Set(Object.values(item.case.allocations))) {
      const person = await store.directory.findPersonByEmail(email);
      const manager = person ? await recipients.lineManagerOf(person) : null;
      add(manager ? await recipients.standIn(manager, date) : null);
    }
    return found;
  }

  /** Who holds a role the standard's escalation names: allocated on the case, else a role of the directory. */
  private async holdersOf(item: CaseWork, role: string, date: string): Promise<Recipient[]> {
    const person = await this.allocated(item, role);
    if (person) {
      const standIn = await this.deps.recipients.standIn(person, date);
      return standIn ? [standIn] : [];
    }
    return (await this.deps.recipients.holdersOf(role, date)).map((p) => ({ person: p, forPerson: null }));
  }

  private async allocated(item: CaseWork, role: string): Promise<Person | null> {
    const email = item.subject === 'case' ? item.case.allocations[role] : undefined;
    return email ? this.deps.store.directory.findPersonByEmail(email) : null;
  }
}
