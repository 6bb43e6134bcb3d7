import type { SettingsRepository } from './ports/store.port';

/**
 * The settings key of one person's morning-digest choice.
 *
 * @example
 * digestOptInKey('p_sam'); // 'digest-opt-in:p_sam'
 */
export function digestOptInKey(personId: string): string {
  return `digest-opt-in:${personId}`;
}

/**
 * Whether a person asked for the worker's morning digest (what is due today). Off until
 * they say "morning digest on": a worker's chat should not fill with messages nobody
 * asked for. (Managers' and the participation team's digests do not depend on it.)
 *
 * @example
 * await digestOptIn(store.settings, 'p_sam'); // false until setDigestOptIn(store.settings, 'p_sam', true)
 */
export async function digestOptIn(settings: SettingsRepository, personId: string): Promise<boolean> {
  return (await settings.get(digestOptInKey(personId))) === true;
}

/**
 * Records a person's choice ("morning digest on" / "morning digest off"). Stored as
 * `true` or `false`, so the setting reads the same on either storage adapter.
 *
 * @example
 * await setDigestOptIn(store.settings, 'p_sam', true);
 */
export async function setDigestOptIn(settings: SettingsRepository, personId: string, on: boolean): Promise<void> {
  await settings.set(digestOptInKey(personId), on);
}
