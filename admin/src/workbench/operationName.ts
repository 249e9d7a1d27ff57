/**
 * The operation a request names, checked against its document. GraphiQL reads the operation's name from the
 * editor a moment (100 ms) after each change, and restores a tab's name with its text when it mounts again (a
 * switch of language remounts it), so a run, a cost or an export can set off with a name the text no longer
 * holds: the server then refuses the query ("no operation named …") for nothing the user did. A document of
 * one operation runs that operation whatever name came with it; a name the document holds, a document of
 * several operations (the user picks one) and a text that does not parse (the server says why) are sent as
 * they are.
 */
import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';

function parsed(query: string): DocumentNode | undefined {
  try {
    return parse(query);
  } catch {
    return undefined;
  }
}

/** The name to send with `query`: `operationName` unless the document's only operation is another. */
export function operationNameFor(query: string, operationName: string | null | undefined): string | null {
  const document = parsed(query);
  const operations = document?.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION) ?? [];
  if (operations.length !== 1 || operations.some((operation) => operation.name?.value === operationName)) return operationName ?? null;
  return operations[0].name?.value ?? null;
}
