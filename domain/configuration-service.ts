import { createHash, randomUUID } from 'crypto';
import { dueInstant, loadBuiltInStandards, type Standard } from '../standards';
import type { AuditEvent } from './audit-event';
import type { Obligation, ObligationSubject } from './obligation';
import { byName, type Person, type Role } from './person';
import { loadSettings, organisationFrom, type Organisation } from './organisation';
import type { Repositories, Store } from './ports/store.port';
import { recalculate, readingOf, type Reading } from './recalculation';
import { defaultReplayPeriod, replayPeriod, type Replay } from './replay';
import { opensClocks } from './standard-overrides';
import { parseSetting, SETTINGS, SETTING_KEY_LIST, type SettingKey, type SettingMoves, type SettingProblem, type SettingValues } from './settings-registry';

/**
 * Changing the organisation's configuration: a proposed change is validated by the
 * settings registry; its dry run says what would move — open deadlines worked out again,
 * which become or stop being overdue, clocks closed because their standard is switched
 * off — and replays a past period under the change; applying it stores the settings,
 * audits who changed what from what to what, and works out every open obligation again in
 * pages, each page one transaction, resumable after a crash from where it stopped. The dry
 * run and the change run the same function over the same obligations: what one shows, the
 * other does. Met and closed obligations are never touched: they keep the reading that
 * applied when they ran.
 */

/** Who made a change: a person of the directory, or an operator of the command line (`cli:<os user>`). */
export type ConfigurationActor = AuditEvent['actor'];

/** One setting a change replaces: its validated value before and after. */
export interface SettingChange {
  key: SettingKey;
  from: unknown;
  to: unknown;
  moves: SettingMoves;
}

/**
 * A validated change, ready for its dry run or to be applied: the organisation as it is
 * and as it would be. `id` is the same for the same change from the same configuration
 * (all of it), so a preview's Confirm applies what the preview showed, or nothing.
 */
export interface Proposal {
  id: string;
  changes: SettingChange[];
  before: Organisation;
  after: Organisation;
}

/**
 * One open obligation a change moves or closes, with what a person recognises it by: the
 * statement's case reference, the case's reference, or the member of staff's address.
 */
export interface Move {
  obligationId: string;
  standardId: string;
  subject: ObligationSubject;
  reference: string | null;
  /** The deadline before, and after (null: closed, its standard switched off). */
  from: number;
  to: number | null;
  overdueBefore: boolean;
  overdueAfter: boolean;
}

/** What a change does to what is running, counted. */
export interface Tally {
  /** Open obligations looked at. */
  examined: number;
  moved: number;
  closed: number;
  /** Only their next nudge changed (the nudge policy). */
  replanned: number;
  becomeOverdue: number;
  stopBeingOverdue: number;
}

/** A dry run or an applied change: the changes, what moved (listed), the counts and the replay. */
export interface Impact extends Tally {
  id: string;
  at: number;
  changes: SettingChange[];
  moves: Move[];
  replay: Replay | null;
}

/** What applying a change came to. */
export type ApplyResult =
  | { status: 'applied'; impact: Impact }
  /** Every setting already holds what the change sets: it was applied before (Confirm pressed twice). */
  | { status: 'already-applied' }
  /** A setting no longer holds what the change was worked out from: someone changed it meanwhile. */
  | { status: 'changed-meanwhile'; key: SettingKey };

/**
 * The roles of the directory an administrator gives and takes from the configuration:
 * where routing sends complaints (momo 1.2) and statements with no allocated worker
 * (momo 1.3), who the duty manager and officer are when the rota names nobody, and who
 * may change the configuration. The duty rota itself is imported (`heard import rota`).
 */
export const CONFIGURABLE_ROLES = ['complaints-officer', 'head-of-service', 'duty-manager', 'duty-officer', 'admin'] as const satisfies readonly Role[];

/** @example const r: ConfigurableRole = 'complaints-officer'; */
export type ConfigurableRole = (typeof CONFIGURABLE_ROLES)[number];

/** Who holds a role now and would after a change, and who gains or loses it. */
export interface RolePlan {
  role: ConfigurableRole;
  from: Person[];
  to: Person[];
  gain: Person[];
  lose: Person[];
}

/** The setting that records a recalculation in progress, so that it can be resumed. */
const PENDING_KEY = 'configuration-recalculation';

/** Obligations worked out again per transaction: bounded work to redo, and other writers wait at most one page. */
const PAGE_SIZE = 500;

interface Pending {
  id: string;
  at: number;
  actor: ConfigurationActor;
  channel: AuditEvent['channel'];
  keys: SettingKey[];
  /** The settings before the change (validated), to replan nudges from. */
  previous: Partial<Record<SettingKey, unknown>>;
  /** The standards whose open obligations are worked out again (null: all). */
  standardIds: string[] | null;
  /** The last obligation id done. */
  after: string | null;
  tally: Tally;
}

export interface ConfigurationServiceDeps {
  store: Store;
  now: () => number;
  newId?: (prefix: string) => string;
  /** The built-in standards (loaded when absent). */
  builtIn?: readonly Standard[];
  /** Obligations worked out again per transaction (default 500). */
  pageSize?: number;
}

/** Canonical JSON: objects with their keys sorted, so equal values compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

function zeroTally(): Tally {
  return { examined: 0, moved: 0, closed: 0, replanned: 0, becomeOverdue: 0, stopBeingOverdue: 0 };
}

/**
 * @example
 * const config = new ConfigurationService({ store, now });
 * const proposal = await config.propose({ calendar: { ...org.settings.calendar, closures: [{ date: '2026-12-24', name: 'Christmas Eve' }] } });
 * if (proposal.ok) console.log((await config.preview(proposal.proposal)).moved);
 */
export class ConfigurationService {
  private readonly builtIn: readonly Standard[];
  private readonly newId: (prefix: string) => string;

  constructor(private readonly deps: ConfigurationServiceDeps) {
    this.builtIn = deps.builtIn ?? loadBuiltInStandards();
    this.newId = deps.newId ?? ((prefix) => `${prefix}_${randomUUID()}`);
  }

  /** The organisation as configured now. */
  async current(): Promise<Organisation> {
    return organisationFrom(await loadSettings(this.deps.store.settings, this.builtIn), this.builtIn);
  }

  /** What is wrong with the settings as stored (edited by hand, or by an older build): empty when all are valid. */
  async storedProblems(): Promise<SettingProblem[]> {
    const problems: SettingProblem[] = [];
    for (const key of SETTING_KEY_LIST) {
      const result = parseSetting(key, await this.deps.store.settings.get(key), { standards: this.builtIn });
      if (!result.ok) problems.push(...result.problems);
    }
    return problems;
  }

  /** Whether a change's recalculation was cut short (a crash) and is still to finish. */
  async pending(): Promise<boolean> {
    return (await this.deps.store.settings.get(PENDING_KEY)) !== null;
  }

  /**
   * Validates new values for settings (each replaced whole; see the registry for the
   * shapes) and works out the organisation they would give. Nothing is stored.
   */
  async propose(values: Partial<Record<SettingKey, unknown>>): Promise<{ ok: true; proposal: Proposal } | { ok: false; problems: SettingProblem[] }> {
    const before = await this.current();
    const next: Partial<Record<SettingKey, unknown>> = { ...before.settings };
    const problems: SettingProblem[] = [];
    const changes: SettingChange[] = [];
    for (const key of SETTING_KEY_LIST) {
      if (!(key in values)) continue;
      const parsed = parseSetting(key, values[key], { standards: this.builtIn });
      if (!parsed.ok) {
        problems.push(...parsed.problems);
        continue;
      }
      if (canonical(parsed.value) === canonical(before.settings[key])) continue;
      next[key] = parsed.value;
      changes.push({ key, from: before.settings[key], to: parsed.value, moves: SETTINGS[key].moves });
    }
    for (const key of Object.keys(values)) {
      if (!SETTING_KEY_LIST.includes(key as SettingKey)) problems.push({ key, path: '', message: `no such setting: use ${SETTING_KEY_LIST.join(', ')}` });
    }
    if (problems.length > 0) return { ok: false, problems };
    const after = changes.length === 0 ? before : organisationFrom(next as SettingValues, this.builtIn);
    // The same change from the same configuration, whole: a preview confirmed after anything else changed is worked out again.
    const id = `cfg_${createHash('sha256').update(canonical([before.settings, changes.map(({ key, to }) => [key, to])])).digest('hex').slice(0, 16)}`;
    return { ok: true, proposal: { id, changes, before, after } };
  }

  /**
   * The dry run: what applying the change now would do to every open obligation (nothing
   * is written), and a replay of a past period under it — `period`, by default the three
   * whole months before this one; `null` for none.
   */
  async preview(proposal: Proposal, options: { period?: { from: string; to: string } | null } = {}): Promise<Impact> {
    const now = this.deps.now();
    const before = readingOf(proposal.before);
    const after = readingOf(proposal.after);
    const standardIds = this.standardsMoved(proposal);
    const impact: Impact = { id: proposal.id, at: now, changes: proposal.changes, ...zeroTally(), moves: [], replay: null };
    if (standardIds === null || standardIds.length > 0) {
      let last: string | null = null;
      for (;;) {
        const page = await this.deps.store.obligations.listOpen(last, this.deps.pageSize ?? PAGE_SIZE, standardIds ?? undefined);
        if (page.length === 0) break;
        for (const o of page) await this.work(this.deps.store, o, before, after, now, impact, impact.moves, null);
        last = page[page.length - 1].id;
      }
    }
    const period = options.period === undefined ? defaultReplayPeriod(proposal.before.calendar, now) : options.period;
    if (period && proposal.changes.some((c) => c.moves === 'deadlines') && (standardIds === null || standardIds.length > 0)) {
      impact.replay = await replayPeriod(this.deps.store.obligations, before, after, period, now, standardIds && new Set(standardIds));
    }
    return impact;
  }

  /**
   * Applies a change: the settings and an audit event per setting (who, when, old → new)
   * in one transaction — refused when a setting no longer holds what the change was
   * worked out from — then every open obligation it concerns worked out again, a page
   * per transaction, each moved or closed one audited on its statement or case; a
   * recalculation left unfinished by an earlier crash is finished first. Pressing twice
   * applies once.
   */
  async apply(proposal: Proposal, actor: ConfigurationActor, channel: AuditEvent['channel']): Promise<ApplyResult> {
    await this.resumePending();
    const now = this.deps.now();
    const standardIds = this.standardsMoved(proposal);
    const started = await this.deps.store.transaction(async (tx): Promise<ApplyResult | null> => {
      let applied = 0;
      for (const change of proposal.changes) {
        const stored = parseSetting(change.key, await tx.settings.get(change.key), { standards: this.builtIn });
        const current = stored.ok ? canonical(stored.value) : null;
        if (current === canonical(change.to)) applied++;
        else if (current !== canonical(change.from)) return { status: 'changed-meanwhile', key: change.key };
      }
      if (applied === proposal.changes.length) return { status: 'already-applied' };
      for (const change of proposal.changes) {
        await tx.settings.set(change.key, change.to);
        await tx.audit.append({
          id: this.newId('au'),
          at: now,
          actor,
          action: 'configuration-changed',
          statementId: null,
          setting: change.key,
          channel,
          details: { change: proposal.id, from: canonical(change.from), to: canonical(change.to) },
        });
      }
      const pending: Pending = {
        id: proposal.id,
        at: now,
        actor,
        channel,
        keys: proposal.changes.map((c) => c.key),
        previous: Object.fromEntries(proposal.changes.map((c) => [c.key, c.from])),
        standardIds,
        after: null,
        tally: zeroTally(),
      };
      await tx.settings.set(PENDING_KEY, pending);
      return null;
    });
    if (started) return started;
    const moves: Move[] = [];
    const tally = await this.finish(proposal.before, proposal.after, moves);
    return { status: 'applied', impact: { id: proposal.id, at: now, changes: proposal.changes, ...tally, moves, replay: null } };
  }

  /**
   * Finishes a recalculation a crash cut short, from the obligation it had reached, under
   * the configuration as stored (the change is already in it). Null when none is pending.
   */
  async resumePending(): Promise<Tally | null> {
    const pending = (await this.deps.store.settings.get(PENDING_KEY)) as Pending | null;
    if (pending === null) return null;
    const after = await this.current();
    const before = organisationFrom({ ...after.settings, ...pending.previous } as SettingValues, this.builtIn);
    return this.finish(before, after, []);
  }

  /**
   * After a process takes up a configuration it did not start with: the open obligations
   * it (or another instance still on the old configuration) opened meanwhile under
   * `before`, worked out again — those whose deadline the change moves, or whose standard
   * it switched off; everything the change itself already worked out is left alone.
   * Idempotent: a second run finds nothing to do.
   */
  async catchUp(before: Organisation): Promise<Tally> {
    const after = await this.current();
    const [was, is] = [readingOf(before), readingOf(after)];
    const tally = zeroTally();
    const now = this.deps.now();
    let last: string | null = null;
    for (;;) {
      const page = await this.deps.store.transaction(async (tx) => {
        const open = await tx.obligations.listOpen(last, this.deps.pageSize ?? PAGE_SIZE);
        for (const o of open) {
          const standard = is.standards.get(o.standardId);
          if (!standard) continue;
          const switchedOff = !opensClocks(standard, is.packs);
          // Worked out already (by the change, or an instance on the new configuration): nothing to do.
          if (switchedOff ? !opensClocks(was.standards.get(o.standardId) ?? standard, was.packs) : dueInstant(standard, o.anchorAt ?? o.triggeredAt, is.calendar) === o.due) continue;
          await this.work(tx, o, was, is, now, tally, [], { id: 'catch-up', actor: { kind: 'system', id: 'configuration' }, channel: 'cli' });
        }
        return open;
      });
      if (page.length === 0) return tally;
      last = page[page.length - 1].id;
    }
  }

  /** Works the pending change's obligations out page by page, then audits what it did and forgets the marker. */
  private async finish(beforeOrg: Organisation, afterOrg: Organisation, moves: Move[]): Promise<Tally> {
    const before = readingOf(beforeOrg);
    const after = readingOf(afterOrg);
    for (;;) {
      // A transaction may run more than once (MongoDB retries one that met a conflict): each attempt starts from the stored marker.
      const done = await this.deps.store.transaction(async (tx) => {
        const pending = (await tx.settings.get(PENDING_KEY)) as Pending | null;
        const pageMoves: Move[] = [];
        if (pending === null) return { finished: true, tally: zeroTally(), pageMoves };
        const page =
          pending.standardIds !== null && pending.standardIds.length === 0 ? [] : await tx.obligations.listOpen(pending.after, this.deps.pageSize ?? PAGE_SIZE, pending.standardIds ?? undefined);
        for (const o of page) await this.work(tx, o, before, after, pending.at, pending.tally, pageMoves, pending);
        if (page.length > 0) {
          await tx.settings.set(PENDING_KEY, { ...pending, after: page[page.length - 1].id });
          return { finished: false, tally: pending.tally, pageMoves };
        }
        for (const key of pending.keys) {
          await tx.audit.append({
            id: this.newId('au'),
            at: this.deps.now(),
            actor: pending.actor,
            action: 'configuration-recalculated',
            statementId: null,
            setting: key,
            channel: pending.channel,
            details: { change: pending.id, ...pending.tally },
          });
        }
        await tx.settings.set(PENDING_KEY, null);
        return { finished: true, tally: pending.tally, pageMoves };
      });
      moves.push(...done.pageMoves);
      if (done.finished) return done.tally;
    }
  }

  /**
   * One open obligation under the change: counted into `tally`, listed in `moves` when its
   * deadline moves or it closes, and — when `applying` — written and audited on its
   * statement or case.
   */
  private async work(repos: Repositories, o: Obligation, before: Reading, after: Reading, now: number, tally: Tally, moves: Move[], applying: Pick<Pending, 'id' | 'actor' | 'channel'> | null): Promise<void> {
    tally.examined++;
    const result = recalculate(o, before, after, now);
    if (result.kind === 'unchanged') return;
    if (result.kind === 'replanned') tally.replanned++;
    else {
      const overdueBefore = now > o.due;
      const overdueAfter = result.kind === 'moved' && now > result.next.due;
      if (result.kind === 'moved') tally.moved++;
      else tally.closed++;
      if (!overdueBefore && overdueAfter) tally.becomeOverdue++;
      if (overdueBefore && !overdueAfter && result.kind === 'moved') tally.stopBeingOverdue++;
      moves.push({
        obligationId: o.id,
        standardId: o.standardId,
        subject: o.subject,
        reference: await this.referenceOf(repos, o),
        from: o.due,
        to: result.kind === 'moved' ? result.next.due : null,
        overdueBefore,
        overdueAfter,
      });
    }
    if (!applying) return;
    await repos.obligations.update(result.next);
    if (result.kind === 'replanned') return;
    await repos.audit.append({
      id: this.newId('au'),
      at: now,
      actor: applying.actor,
      action: result.kind === 'moved' ? 'obligation-deadline-recalculated' : 'obligation-closed-by-configuration',
      statementId: o.statementId,
      caseId: o.caseId,
      channel: applying.channel,
      details: { obligation: o.id, standard: o.standardId, change: applying.id, from: o.due, to: result.kind === 'moved' ? result.next.due : null },
    });
  }

  private async referenceOf(repos: Repositories, o: Obligation): Promise<string | null> {
    if (o.statementId !== null) return (await repos.statements.get(o.statementId))?.child.reference ?? null;
    if (o.caseId !== null) return (await repos.cases.get(o.caseId))?.caseRef ?? null;
    if (o.staffId !== null) return (await repos.staff.get(o.staffId))?.email ?? null;
    return null;
  }

  /**
   * The standards whose open obligations a change may move: all of them when the
   * calendar or the nudge policy changes; otherwise those whose clock, amount or
   * switching on or off differs (an interpretation alone moves nothing). Null: all.
   */
  private standardsMoved(proposal: Proposal): string[] | null {
    if (proposal.changes.some((c) => c.key === 'calendar' || c.key === 'nudge-policy')) return null;
    const before = new Map(proposal.before.standards.map((s) => [s.id, s]));
    return proposal.after.standards
      .filter((s) => {
        const was = before.get(s.id)!;
        return was.clock !== s.clock || was.amount !== s.amount || opensClocks(was, proposal.before.packs) !== opensClocks(s, proposal.after.packs);
      })
      .map((s) => s.id);
  }

  /** Who holds each role an administrator may give from the configuration, by name. */
  async roleHolders(): Promise<Record<ConfigurableRole, Person[]>> {
    const holders = {} as Record<ConfigurableRole, Person[]>;
    for (const role of CONFIGURABLE_ROLES) holders[role] = (await this.deps.store.directory.listPeople({ role })).sort(byName);
    return holders;
  }

  /**
   * Who would hold a role: exactly the people of the directory with these e-mail
   * addresses (the role taken from everyone else). Refused for an address the directory
   * does not know, and for leaving Heard without an administrator.
   */
  async planRoles(role: string, emails: readonly string[]): Promise<{ ok: true; plan: RolePlan } | { ok: false; problems: SettingProblem[] }> {
    const key = `roles.${role}`;
    if (!(CONFIGURABLE_ROLES as readonly string[]).includes(role)) {
      return { ok: false, problems: [{ key, path: '', message: `not a role set here: use ${CONFIGURABLE_ROLES.join(', ')} (the duty rota: heard import rota)` }] };
    }
    const problems: SettingProblem[] = [];
    const to: Person[] = [];
    for (const [i, email] of emails.entries()) {
      const found = await this.deps.store.directory.findPersonByEmail(email);
      if (!found) problems.push({ key, path: String(i), message: `${email} is not in Heard's directory (heard import people adds people)` });
      else if (!to.some((p) => p.id === found.id)) to.push(found);
    }
    if (role === 'admin' && emails.length === 0) problems.push({ key, path: '', message: 'keep at least one administrator' });
    if (problems.length > 0) return { ok: false, problems };
    const from = (await this.deps.store.directory.listPeople({ role: role as ConfigurableRole })).sort(byName);
    to.sort(byName);
    return { ok: true, plan: { role: role as ConfigurableRole, from, to, gain: to.filter((p) => !from.some((x) => x.id === p.id)), lose: from.filter((p) => !to.some((x) => x.id === p.id)) } };
  }

  /**
   * Gives the role to the plan's people and takes it from the others, in one transaction
   * with an audit event (who, when, the holders' ids before and after). Nothing already
   * assigned moves: routing uses the new holders from the next statement.
   */
  async applyRoles(plan: RolePlan, actor: ConfigurationActor, channel: AuditEvent['channel']): Promise<'applied' | 'already-applied' | 'changed-meanwhile'> {
    const ids = (people: readonly Person[]) => people.map((p) => p.id).sort().join(',');
    return this.deps.store.transaction(async (tx) => {
      const current = await tx.directory.listPeople({ role: plan.role });
      if (ids(current) === ids(plan.to)) return 'already-applied';
      if (ids(current) !== ids(plan.from)) return 'changed-meanwhile';
      const changed: Person[] = [];
      for (const p of [...plan.gain, ...plan.lose]) {
        const fresh = (await tx.directory.getPerson(p.id)) ?? p;
        const others = fresh.roles.filter((r) => r !== plan.role);
        changed.push({ ...fresh, roles: plan.gain.includes(p) ? [...others, plan.role] : others });
      }
      await tx.directory.upsert(changed, []);
      await tx.audit.append({
        id: this.newId('au'),
        at: this.deps.now(),
        actor,
        action: 'configuration-changed',
        statementId: null,
        setting: `roles.${plan.role}`,
        channel,
        details: { from: ids(plan.from), to: ids(plan.to) },
      });
      return 'applied';
    });
  }

  /**
   * The audit trail of configuration changes: of one setting or all, the last `limit`
   * (default 50), oldest first.
   */
  async history(setting?: string, limit = 50): Promise<AuditEvent[]> {
    return this.deps.store.audit.listConfiguration(setting === undefined ? {} : { setting }, limit);
  }
}
