/**
 * The operations the audit trail records, and which of them leave the record in a state worth going back
 * to: a revert brings back the record as it was right after the entry.
 */
import { creatingOperations } from '../../../schema/shared/audit-operations';

export { auditOperations } from '../../../schema/shared/audit-operations';

/** The message key of an operation's label; an operation the console does not know shows as recorded. */
export const operationLabel = (operation: string) => `crc.operations.${operation}`;

/** Entries after which the record was live with values of its own: a revert may return to them. */
const revertible = new Set([...creatingOperations, 'UPDATE', 'RESTORE', 'REVERT']);
/** Entries that changed the record's stored values (a READ_PERSONAL only notes a read). */
const changing = new Set([...revertible, 'DELETE', 'PURGE']);

/**
 * The ids of the entries a record may be reverted to: none unless the trail starts with its CREATE or IMPORT (a
 * record brought in by a bulk load has no per-field past, and the server would take unnamed fields as
 * empty), and never the latest change, which is the record as it stands.
 */
export function revertTargets(entries: readonly { id: string; operation: string }[]): Set<string> {
  if (!creatingOperations.has(entries[0]?.operation ?? '')) return new Set();
  const changes = entries.filter((entry) => changing.has(entry.operation));
  return new Set(
    changes
      .slice(0, -1)
      .filter((entry) => revertible.has(entry.operation))
      .map((entry) => entry.id),
  );
}
