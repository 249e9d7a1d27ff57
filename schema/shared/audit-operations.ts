/** The operations the audit trail records (server triggers and notes; the console's labels and reverts). */
export const auditOperations = ['CREATE', 'IMPORT', 'UPDATE', 'DELETE', 'RESTORE', 'REVERT', 'PURGE', 'LOAD', 'RESET', 'READ_PERSONAL', 'SIGN_IN', 'DOWNLOAD'] as const;

/**
 * The entries that bring a record into being with its values (a create, or a row of a spreadsheet import):
 * a record's trail that starts with one holds its whole history.
 */
export const creatingOperations: ReadonlySet<string> = new Set(['CREATE', 'IMPORT']);
