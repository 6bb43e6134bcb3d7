import type { TurnContext } from 'botbuilder';
import type { Person } from '../domain/person';
import type { DirectoryRepository } from '../domain/ports/store.port';

/**
 * The person acting, from the Teams identity on the activity (`from.aadObjectId`) —
 * never from anything carried inside a card. Null when Teams sent no identity or the
 * person is not in Heard's directory.
 *
 * @example
 * const actor = await actorOf(context, store.directory);
 * if (!actor) return NOT_IN_DIRECTORY;
 */
export async function actorOf(context: TurnContext, directory: DirectoryRepository): Promise<Person | null> {
  const aadObjectId = context.activity.from?.aadObjectId;
  if (!aadObjectId) return null;
  return directory.findPersonByAadObjectId(aadObjectId);
}

/** What someone outside the directory is told. */
export const NOT_IN_DIRECTORY =
  "I can't find you in Heard's directory of staff, so I can't act for you. Ask your participation team or Heard administrator to add you.";

/**
 * The tenant an activity comes from, as Teams reports it.
 *
 * @example
 * tenantOf(context.activity); // '11111111-1111-4111-8111-111111111111'
 */
export function tenantOf(activity: TurnContext['activity']): string | null {
  const channelTenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return activity.conversation?.tenantId ?? (typeof channelTenant === 'string' ? channelTenant : null);
}
