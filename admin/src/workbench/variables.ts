/** A query's variables as the editor holds them (JSON text) and as the API takes them (an object, or none). */
export type Variables = Record<string, unknown> | null;

/** The variables of an editor's text: null when empty, undefined when not a JSON object. */
export function parseVariables(text: string): Variables | undefined {
  if (!text.trim()) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The editor's text of saved variables. */
export const variablesText = (variables: Variables): string => (variables && Object.keys(variables).length ? JSON.stringify(variables, null, 2) : '');

/** Whether a query text holds nothing but comments and blanks (a new tab, the welcome text). */
export const isBlankQuery = (text: string): boolean => text.replace(/#.*$/gm, '').trim() === '';
