/** An entry of the audit trail as the API gives it (`AuditEntry`), and the fields the console reads of it. */

/** One field's change, `{ before, after }`; LOAD, RESET and READ_PERSONAL entries hold free-form notes instead. */
export type Changes = Record<string, unknown>;

export type AuditEntry = {
  id: string;
  at: string;
  actorId: string | null;
  /** The username, or `system:<name>` for seeds and loads. */
  actorName: string;
  actorRole: string | null;
  entity: string;
  recordId: string | null;
  operation: string;
  changes: Changes;
};

/** The selection every audit query asks for. */
export const auditEntryFields = 'id at actorId actorName actorRole entity recordId operation changes';
