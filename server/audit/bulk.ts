/**
 * How the owner's bulk work appears in the audit trail: seeds, scale loads and resets run as the owner,
 * name themselves as a system actor for their transaction, switch the row triggers off for the copy (one
 * entry per loaded row would double the load), and say what they did in one entry per table.
 */
import type pg from 'pg';
import { actorSettings, setActorStatement } from '../access/actor.js';
import { auditedTables, auditTriggerNames } from './triggers.js';

/** Names the transaction's actor `system:<name>` (every audited write needs one). */
export async function actAsSystem(client: pg.ClientBase, name: string): Promise<void> {
  await client.query(setActorStatement, actorSettings({ system: name }));
}

/** Switches the audit triggers of `tables` off (`on: false`) or on again, inside the caller's transaction. */
export async function switchAuditTriggers(client: pg.ClientBase, tables: readonly string[], on: boolean): Promise<void> {
  for (const table of tables) {
    for (const trigger of auditTriggerNames(table)) await client.query(`alter table "${table}" ${on ? 'enable' : 'disable'} trigger "${trigger}"`);
  }
}

/** One entry per table: `operation` (LOAD, RESET) with what it did, e.g. `{ rows: 1200, dataset: 'demo' }`. */
export async function noteBulk(client: pg.ClientBase, operation: 'LOAD' | 'RESET', perTable: Record<string, Record<string, unknown>>): Promise<void> {
  const entityOf = new Map(auditedTables().map((audited) => [audited.table, audited.entity]));
  for (const [table, changes] of Object.entries(perTable)) {
    await client.query(`select crc_audit_note($1, $2, $3)`, [entityOf.get(table) ?? table, operation, JSON.stringify(changes)]);
  }
}
