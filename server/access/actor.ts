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
  /** The organisation (handling unit) a handler works for; null for every other role. */
  organisationId?: string | null;
  /**
   * The token of the live session the request came with. A write of the application role names this session,
   * not a user: the database derives the writer from the live session it names (crc_session_actor), so the
   * application cannot write in the name of anyone who is not signed in and asking right now.
   */
  sessionToken?: string;
};

/** Writers that are not a signed-in person: the seeds, bulk loads, the command line. Recorded under this name. */
export type SystemActor = { system: string };

/** What the audit trigger reads from `crc.actor` for the writing transaction: trusted only from the owner role (system work). */
export function actorSetting(actor: Actor | SystemActor, requestId?: string): string {
  if ('system' in actor) return JSON.stringify({ name: `system:${actor.system}`, requestId: requestId ?? null });
  return JSON.stringify({ id: actor.id, name: actor.username, role: actor.role, requestId: requestId ?? null });
}

/**
 * The writing transaction's settings: the actor (what the owner's writes are recorded under), the session
 * (what the application role's writes are: the database looks the writer up from it) and the request id.
 */
export function actorSettings(actor: Actor | SystemActor, requestId?: string): [actor: string, session: string, request: string] {
  return [actorSetting(actor, requestId), 'system' in actor ? '' : (actor.sessionToken ?? ''), requestId ?? ''];
}

/** Sets the transaction's actor settings (actorSettings) on a plain pg client. */
export const setActorStatement = `select set_config('crc.actor', $1, true), set_config('crc.session', $2, true), set_config('crc.request', $3, true)`;

/** Runs `work` in one transaction on `client`, its writes attributed to `actor` by the audit trail. */
export async function asActor<T>(client: pg.ClientBase, actor: Actor | SystemActor, work: () => Promise<T>, requestId?: string): Promise<T> {
  await client.query('begin');
  try {
    await client.query(setActorStatement, actorSettings(actor, requestId));
    const result = await work();
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

/** How a record names the person who made it (a workflow step, an attachment): `张三（zhangsan）`, at most 120 characters, as its column holds. */
export function actorLabel(actor: Actor): string {
  return [...`${actor.displayName}（${actor.username}）`].slice(0, 120).join('');
}
