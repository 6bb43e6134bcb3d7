import { dueInstant, eventMatches, isExternalRole, isTeamRole, NEGATION_PREFIX, type Standard, type WorkingCalendar } from '../standards';
import { nudgePlan, type NudgePolicy } from './nudge-policy';
import { statementObligation, type Obligation } from './obligation';
import { opensClocks } from './standard-overrides';
import type { Statement } from './statement';

/**
 * Which statement standards an event starts or stops, and the obligations that follows.
 * Standards are data: nothing here names a particular standard.
 */

/**
 * The `when` conditions that hold for a statement (the conditions of kind `statement` in
 * standards/vocabulary.yaml).
 * `recipient-not-present` is assumed: statements reach Heard from the apps, sent by the
 * child on their own, so a worker who was with the child tells them in person anyway.
 *
 * @example
 * statementConditions(statement, 'cover'); // Set { 'recipient-not-present', 'worker-away' }
 */
export function statementConditions(statement: Statement, routedBy: string | null = statement.routedBy): Set<string> {
  const flags = new Set<string>(['recipient-not-present']);
  if (statement.flags.complaint || statement.intendedRecipient.kind === 'complaints-officer') flags.add('complaint');
  if (statement.intendedRecipient.kind === 'none') flags.add('no-allocated-worker');
  if (statement.flags.safetyLink) flags.add('safety-link');
  if (statement.flags.unidentified) flags.add('unidentified');
  if (routedBy === 'cover' || routedBy === 'line-manager') flags.add('worker-away');
  return flags;
}

/**
 * The statement standards of the enabled packs (not switched off) that `event` starts and whose conditions
 * hold (`not-<condition>`: when it does not).
 *
 * @example
 * standardsStartedBy('statement-assigned', conditions, standards, new Set(['momo']));
 */
export function standardsStartedBy(event: string, conditions: Set<string>, standards: Standard[], packs: Set<string>): Standard[] {
  return standards.filter(
    (s) =>
      s.subject === 'statement' &&
      s.direction === 'after' &&
      eventMatches(s.trigger, { type: event }) &&
      opensClocks(s, packs) &&
      s.when.every((w) => holds(w, conditions)),
  );
}

/** A `when` entry against the statement's conditions: `not-<name>` holds when `<name>` does not. */
function holds(entry: string, conditions: Set<string>): boolean {
  if (conditions.has(entry)) return true;
  return entry.startsWith(NEGATION_PREFIX) && !conditions.has(entry.slice(NEGATION_PREFIX.length));
}

/**
 * Whether a standard's owner role is a team (or someone outside the council): its
 * obligations have no one owner. The vocabulary says which roles are (kind team or external).
 *
 * @example isTeamRole('participation-team'); // true
 */
export { isTeamRole };

/** Resolves a standard's owner role to the people who must meet it on this statement. */
export type OwnerResolver = (role: string, statement: Statement) => Promise<(string | null)[]>;

/**
 * Opens the obligations `event` starts for a statement, due by the engine on `calendar`.
 * A `recipient` standard opens one obligation per assignee. One whose owner is outside the
 * council (the young person) has no nudges: nobody in the council can meet it.
 *
 * @example
 * await openObligations('statement-assigned', at, statement, { standards, packs, calendar, resolveOwners, newId });
 */
export async function openObligations(
  event: string,
  at: number,
  statement: Statement,
  deps: {
    standards: Standard[];
    packs: Set<string>;
    calendar: WorkingCalendar;
    nudgePolicy: NudgePolicy;
    resolveOwners: OwnerResolver;
    newId: () => string;
  },
): Promise<Obligation[]> {
  const started = standardsStartedBy(event, statementConditions(statement), deps.standards, deps.packs);
  const obligations: Obligation[] = [];
  for (const standard of started) {
    const owners = isTeamRole(standard.owner) ? [null] : await deps.resolveOwners(standard.owner, statement);
    const due = dueInstant(standard, at, deps.calendar);
    for (const ownerId of owners.length > 0 ? owners : [null]) {
      // A period owned by someone outside the council (the young person's reply window) is shown, never nudged.
      const plan = isExternalRole(standard.owner) ? [] : nudgePlan({ standardId: standard.id, triggeredAt: at, due, ownerId }, standard, deps.calendar, deps.nudgePolicy);
      obligations.push(
        statementObligation({
        id: deps.newId(),
        standardId: standard.id,
        statementId: statement.id,
        ownerId,
        ownerRole: standard.owner,
        triggeredAt: at,
        due,
        status: 'open',
        completedAt: null,
        nextNudgeAt: plan.length > 0 ? plan[0].at : null,
        lease: null,
        version: 1,
        }),
      );
    }
  }
  return obligations;
}

/** Whether any of the statement events (types without qualifiers) is one of the standard's stops. */
function meetsAny(standard: Standard | undefined, events: string[]): boolean {
  return standard !== undefined && standard.stops.some((stop) => events.some((type) => eventMatches(stop, { type })));
}

/**
 * The open obligations among `open` that any of `events` meets (their standard's stop
 * event), marked met at `at`; only the actor's own and the team's when `onlyOwner` is given.
 *
 * @example
 * meetObligations(['statement-opened', 'child-told'], at, open, byId, 'p_sam');
 */
export function meetObligations(
  events: string[],
  at: number,
  open: Obligation[],
  standardsById: Map<string, Standard>,
  onlyOwner?: string,
): Obligation[] {
  return open
    .filter((o) => o.status === 'open' && meetsAny(standardsById.get(o.standardId), events))
    .filter((o) => onlyOwner === undefined || o.ownerId === null || o.ownerId === onlyOwner)
    .map((o) => ({ ...o, status: 'met' as const, completedAt: at, nextNudgeAt: null, lease: null, version: o.version + 1 }));
}
