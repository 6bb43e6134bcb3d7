import type { Repositories } from '../domain/ports/store.port';

/**
 * A repository's methods as an adapter implements them: the same arguments, returning
 * the result directly (SQLite is synchronous) or as a promise (MongoDB).
 *
 * @example
 * const settings: Implementation<SettingsRepository> = { get: (key) => null, set: (key, value) => undefined };
 */
export type Implementation<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R | Promise<R> : never;
};

/** Every repository of a store, as an adapter implements them. @example const impl: RepositoryImplementations = sqliteRepositories(db); */
export type RepositoryImplementations = { [K in keyof Repositories]: Implementation<Repositories[K]> };

/**
 * Decides how and when a call runs: `method` names it (e.g. `statements.insert`) for
 * error messages; `call` does the work. A gate always answers with a promise, so a call
 * that throws synchronously becomes a rejection.
 *
 * @example
 * const open: Gate = (method, call) => Promise.resolve().then(call);
 */
export type Gate = <R>(method: string, call: () => R | Promise<R>) => Promise<R>;

/**
 * Wraps every method of one repository so that calls go through `gate`.
 *
 * @example
 * const settings = gateRepository<SettingsRepository>('settings', impl.settings, gate);
 * await settings.set('calendar', { division: 'scotland' });
 */
export function gateRepository<T>(name: string, implementation: Implementation<T>, gate: Gate): T {
  const gated: Record<string, unknown> = {};
  for (const [method, fn] of Object.entries(implementation as Record<string, (...args: unknown[]) => unknown>)) {
    gated[method] = (...args: unknown[]) => gate(`${name}.${method}`, () => fn(...args));
  }
  // Each method of T has been replaced by one with the same arguments answering a promise of its result.
  return gated as T;
}

/**
 * Wraps every repository of a store so that calls go through `gate`.
 *
 * @example
 * const repositories = gateRepositories(sqliteRepositories(db), (method, call) => mutex.run(call));
 */
export function gateRepositories(implementations: RepositoryImplementations, gate: Gate): Repositories {
  return {
    statements: gateRepository('statements', implementations.statements, gate),
    pdfs: gateRepository('pdfs', implementations.pdfs, gate),
    directory: gateRepository('directory', implementations.directory, gate),
    obligations: gateRepository('obligations', implementations.obligations, gate),
    audit: gateRepository('audit', implementations.audit, gate),
    conversations: gateRepository('conversations', implementations.conversations, gate),
    cards: gateRepository('cards', implementations.cards, gate),
    nudges: gateRepository('nudges', implementations.nudges, gate),
    flows: gateRepository('flows', implementations.flows, gate),
    rota: gateRepository('rota', implementations.rota, gate),
    followUps: gateRepository('followUps', implementations.followUps, gate),
    broadcasts: gateRepository('broadcasts', implementations.broadcasts, gate),
    handovers: gateRepository('handovers', implementations.handovers, gate),
    settings: gateRepository('settings', implementations.settings, gate),
    cases: gateRepository('cases', implementations.cases, gate),
    staff: gateRepository('staff', implementations.staff, gate),
    caseEvents: gateRepository('caseEvents', implementations.caseEvents, gate),
  };
}
