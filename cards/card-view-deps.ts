import type { Store } from '../domain/ports/store.port';
import type { Standard, WorkingCalendar } from '../standards';

/**
 * What the card views that read the store are built from: the store (names, who may be
 * chosen), the standards, the organisation's calendar and the clock.
 *
 * @example
 * const deps: CardViewDeps = { store, standards, calendar, now: () => Math.floor(Date.now() / 1000) };
 */
export interface CardViewDeps {
  store: Store;
  standards: Standard[];
  calendar: WorkingCalendar;
  now: () => number;
}
