/**
 * Data already rendered as JSON text (a comparison's rows, put together by PostgreSQL), spliced into the
 * response as it is rather than parsed into objects only to be serialised again.
 */
import type { FormattedExecutionResult } from 'graphql';

export class JsonText {
  constructor(readonly text: string) {}

  /** Whatever else serialises the result (a log, a plugin) sees the value itself. */
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** Apollo's `stringifyResult`: compact JSON (Apollo pretty-prints by default), JSON text data spliced in. */
export function stringifyResult(result: FormattedExecutionResult): string {
  if (result.data instanceof JsonText && result.errors === undefined && result.extensions === undefined) return `{"data":${result.data.text}}`;
  return JSON.stringify(result);
}

/** An operation's data as objects, whether execution made them or it came as text (a server-side reader: exports). */
export function dataObjects(data: unknown): Record<string, unknown> {
  return (data instanceof JsonText ? data.toJSON() : data) as Record<string, unknown>;
}
