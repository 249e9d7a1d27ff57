/** Who is making a request, as the access rules and the audit trail see them. */
import type pg from 'pg';
import type { UserRole } from '../../schema/shared/enums.js';

export type Actor = {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  /** The region a clerk or a scoped administrator works in; null for a super administrator and for leaders and analysts. */
  regionId: string | null;
  /** That region's division code: its subtree is every region whose code starts with it. */
  regionCode: string | null;
  regionName: string | null;
};

/** Writers that are not a signed-in person: the seeds, bulk loads, the command line. Recorded under this name. */
export type SystemActor = { system: string };

/** What the audit trigger reads from `crc.actor` for the writing transaction. */
export function actorSetting(actor: Actor | SystemActor, requestId?: string): string {
  if ('system' in actor) return JSON.stringify({ name: `system:${actor.system}`, requestId: requestId ?? null });
  return JSON.stringify({ id: actor.id, name: actor.username, role: actor.role, requestId: requestId ?? null });
}

/** Sets the transaction's actor on a plain pg client (seeds, loaders, tests writing behind the API). */
export const setActorStatement = `select set_config('crc.actor', $1, true)`;

/** Runs `work` in one transaction on `client`, its writes attributed to `actor` by the audit trail. */
export async function asActor<T>(client: pg.ClientBase, actor: Actor | SystemActor, work: () => Promise<T>, requestId?: string): Promise<T> {
  await client.query('begin');
  try {
    await client.query(setActorStatement, [actorSetting(actor, requestId)]);
    const result = await work();
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}
