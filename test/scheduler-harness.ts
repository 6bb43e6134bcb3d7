import type { AdaptiveCardJson } from '../cards/adaptive-card';
import { PEOPLE, TEAMS, removeTempDir, standardsAndCalendar, tempDatabaseFile } from './test-council.fixture';
import { parseCaseEvent } from '../domain/case-event-envelope';
import { CaseWorkService } from '../domain/case-work-service';
import type { IntakeRequest } from '../domain/intake-request';
import { builtInVocabulary } from '../standards';
import { DEFAULT_NUDGE_POLICY, type NudgePolicy } from '../domain/nudge-policy';
import type { Person } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import { StatementService } from '../domain/statement-service';
import { Worklists } from '../domain/worklists';
import type { ComposeMessage, NudgeMessage } from '../scheduler/nudge-outbox';
import type { OnceSender, SendOutcome, UndeliveredReason } from '../scheduler/outbound.port';
import { Scheduler, type SchedulerDeps } from '../scheduler/scheduler';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { MONGODB_URI, mongoTestDatabases } from './mongo-test-database';
import { timeLapse } from './time-lapse';

/** The participation officer every scheduler test needs (the council fixture has none). */
export const PARTICIPATION: Person = {
  id: 'p_pat',
  aadObjectId: 'aad-pat',
  name: 'Pat Participation',
  email: 'pat@council.example',
  roles: ['participation'],
  teamId: null,
  lineManagerId: null,
};

/** One message the connector stub received. */
export interface Sent {
  aadObjectId: string;
  at: number;
  message: NudgeMessage;
}

/**
 * The connector stub: records every send with the fake clock's time, after letting the
 * outbox record its key (as the throttled sender does). `refuse` makes a person's chat
 * answer 403/404; `fail` makes the next sends throw as after exhausted retries.
 */
export class RecordingSender implements OnceSender {
  readonly sent: Sent[] = [];
  readonly refuse = new Map<string, UndeliveredReason>();
  failNext = 0;
  private seq = 0;

  constructor(private readonly clock: { now: number }) {}

  async sendOnce(aadObjectId: string, card: AdaptiveCardJson, dispatch: () => Promise<boolean>): Promise<SendOutcome | 'not-dispatched'> {
    if (!(await dispatch())) return 'not-dispatched';
    if (this.failNext > 0) {
      this.failNext--;
      throw Object.assign(new Error('service unavailable'), { statusCode: 503 });
    }
    const refused = this.refuse.get(aadObjectId);
    if (refused) return { ok: false, reason: refused };
    this.sent.push({ aadObjectId, at: this.clock.now, message: card.message as NudgeMessage });
    return { ok: true, activityId: `act_${++this.seq}` };
  }

  to(aadObjectId: string): Sent[] {
    return this.sent.filter((s) => s.aadObjectId === aadObjectId);
  }
}

/** A card carrying the message itself, so tests read what was said without parsing cards. */
export const composeForTests: ComposeMessage = async (message) => ({ type: 'AdaptiveCard', version: '1.5', message });

export interface SchedulerWorld {
  store: Store;
  service: StatementService;
  /** Case events go in here, checked as the API checks them (a bad one fails the test). */
  caseWork: CaseWorkService;
  sendCaseEvents(...raw: Record<string, unknown>[]): Promise<void>;
  worklists: Worklists;
  clock: { now: number };
  sender: RecordingSender;
  scheduler(holder?: string, options?: Pick<SchedulerDeps, 'leaseSeconds' | 'batchSize' | 'updater' | 'reviewEverySeconds'>): Scheduler;
  receive(externalId: string, sentAt: number, overrides?: Partial<IntakeRequest>): Promise<string>;
  person(id: string): Person;
  close(): Promise<void>;
}

/** Where a scheduler world keeps its council: a temporary embedded store, or an emptied database on MONGODB_URI's server. */
export type WorldStore = 'embedded' | 'mongo';

/** The stores a test can run on here: always the embedded one, and MongoDB when MONGODB_URI names a server. */
export const WORLD_STORES: WorldStore[] = MONGODB_URI ? ['embedded', 'mongo'] : ['embedded'];

async function openWorldStore(kind: WorldStore): Promise<{ store: Store; remove(): Promise<void> }> {
  if (kind === 'embedded') {
    const file = tempDatabaseFile();
    return { store: await openSqliteStore(file), remove: async () => removeTempDir(file) };
  }
  if (!MONGODB_URI) throw new Error('a scheduler world on MongoDB needs MONGODB_URI');
  const databases = mongoTestDatabases(MONGODB_URI, 'scheduler');
  return { store: await databases.openEmpty('world'), remove: () => databases.close() };
}

/**
 * A council on a temporary store (embedded unless `on` says otherwise): the fixture's
 * people plus a participation officer, the built-in packs enabled, a fake clock, and a
 * recording connector stub.
 */
export async function schedulerWorld(
  options: { packs?: string[]; policy?: NudgePolicy; people?: Person[]; compose?: ComposeMessage; start: number; on?: WorldStore },
): Promise<SchedulerWorld> {
  const { store, remove } = await openWorldStore(options.on ?? 'embedded');
  const people = options.people ?? [...PEOPLE, PARTICIPATION];
  await store.directory.upsert(people, TEAMS);
  const clock = { now: options.start };
  const { standards, calendar } = standardsAndCalendar();
  const policy = options.policy ?? DEFAULT_NUDGE_POLICY;
  const packs = new Set(options.packs ?? ['momo']);
  let seq = 0;
  const service = new StatementService({ store, standards, packs, calendar, nudgePolicy: policy, now: () => clock.now, newId: (prefix) => `${prefix}_${++seq}` });
  const worklists = new Worklists({ store, standards, now: () => clock.now });
  const caseWork = new CaseWorkService({ store, standards, packs, calendar, nudgePolicy: policy, now: () => clock.now });
  const vocabulary = builtInVocabulary();
  const sender = new RecordingSender(clock);
  const byId = new Map(people.map((p) => [p.id, p]));
  return {
    store,
    service,
    caseWork,
    async sendCaseEvents(...raw) {
      const events = raw.map((r) => {
        const parsed = parseCaseEvent(r, { vocabulary, calendar, now: clock.now });
        if (!parsed.ok) throw new Error(`refused ${JSON.stringify(r)}: ${JSON.stringify(parsed.problems)}`);
        return parsed.event;
      });
      await caseWork.receive(events, 'api');
    },
    worklists,
    clock,
    sender,
    scheduler: (holder = 'sched-a', extra = {}) =>
      new Scheduler({
        store,
        service,
        worklists,
        standards,
        calendar,
        policy,
        sender,
        compose: options.compose ?? composeForTests,
        now: () => clock.now,
        holder,
        log: () => undefined,
        ...extra,
      }),
    async receive(externalId, sentAt, overrides = {}) {
      const result = await service.receive(
        {
          externalId,
          sentAt,
          child: { reference: `C-${externalId}`, initials: 'AB' },
          type: 'my-world',
          intendedRecipient: { kind: 'person', email: 'sam@council.example' },
          flags: { complaint: false, safetyLink: false, unidentified: false },
          pdf: null,
          ...overrides,
        },
        'api',
      );
      return result.statementId;
    },
    person(id) {
      const p = byId.get(id);
      if (!p) throw new Error(`no person ${id} in the test council`);
      return p;
    },
    async close() {
      await store.close();
      await remove();
    },
  };
}

/** Runs the scheduler as its loop would, on the fake clock: every wake-up up to `until`, then `until` itself. */
export function runUntil(world: SchedulerWorld, scheduler: Scheduler, until: number): Promise<void> {
  return timeLapse(scheduler, world.clock, until);
}
