/**
 * A dry run's writes (an import checked before it is saved) go through every constraint, rule and trigger a
 * real write meets, except those that only matter once it commits and that would make every other writer wait
 * for it: the audit chain's head (locked from a transaction's first entry to its end), the table's live row
 * count (one row per table, likewise) and the marking of stale metric facts. A 100,000-row dry run would
 * otherwise hold every write of every user for its 15 s.
 *
 * Skipping them is safe only if such a transaction can never commit — and the application role sets the
 * setting itself, so the database holds it to that: every row written while the setting is on queues a
 * deferred constraint trigger (`crc_dry_run_guard`, migration …_dry_run) that refuses the commit. The row's
 * event is queued when the row is written, so setting it off again before the commit changes nothing; made
 * immediate (`set constraints`), it refuses the statement instead. Only the owner can drop or disable it.
 */

/** Set for the transaction (`set_config(…, 'on', true)`) by a dry run. */
export const dryRunSetting = 'crc.dry_run';

/**
 * True inside a dry run's transaction, false otherwise — never null (an unset setting reads as null, and a
 * WHEN that is null skips its trigger: `not (… = 'on')` would then audit nothing outside a dry run).
 */
export const inDryRun = `coalesce(current_setting('${dryRunSetting}', true), '') = 'on'`;

/** The guard of `table`: no row written in a dry run is ever committed (dropped first: a constraint trigger cannot be replaced). */
export function dryRunGuardTrigger(table: string): string[] {
  return [
    `drop trigger if exists crc_dry_run_guard_${table} on "${table}";`,
    `create constraint trigger crc_dry_run_guard_${table} after insert or update or delete on "${table}" deferrable initially deferred for each row when (${inDryRun}) execute function crc_dry_run_guard();`,
  ];
}
