/**
 * Every generated GraphQL name, in one place (API.md "Names"). The server builds its schema with these
 * and the console builds its queries with them; nothing else derives a name from another.
 */
export type Nameable = {
  /** The GraphQL object type, e.g. `Deputy`. */
  name: string;
  /** Declared by the model, never derived: `deputy`, `liaisonStation`. */
  singular: string;
  plural: string;
};

const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const inflection = {
  type: (m: Nameable) => m.name,
  listType: (m: Nameable) => `${m.name}List`,
  /** The arguments of a list field, as one input class: `DeputyListArgs`. */
  listArgs: (m: Nameable) => `${m.name}ListArgs`,
  one: (m: Nameable) => m.singular,
  list: (m: Nameable) => m.plural,
  aggregate: (m: Nameable) => `${m.plural}Aggregate`,
  create: (m: Nameable) => `create${m.name}`,
  update: (m: Nameable) => `update${m.name}`,
  delete: (m: Nameable) => `delete${m.name}`,
  restore: (m: Nameable) => `restore${m.name}`,
  createMany: (m: Nameable) => `create${upperFirst(m.plural)}`,
  updateMany: (m: Nameable) => `update${upperFirst(m.plural)}`,
  deleteMany: (m: Nameable) => `delete${upperFirst(m.plural)}`,
  createInput: (m: Nameable) => `${m.name}CreateInput`,
  updateInput: (m: Nameable) => `${m.name}UpdateInput`,
  filter: (m: Nameable) => `${m.name}Filter`,
  listFilter: (m: Nameable) => `${m.name}ListFilter`,
  orderBy: (m: Nameable) => `${m.name}OrderBy`,
  orderField: (m: Nameable) => `${m.name}OrderField`,
  groupBy: (m: Nameable) => `${m.name}GroupBy`,
  groupField: (m: Nameable) => `${m.name}GroupField`,
  aggregateGroup: (m: Nameable) => `${m.name}AggregateGroup`,
  numbers: (m: Nameable) => `${m.name}Numbers`,
  /** The input field that sets a reference: `person` → `personId`. */
  referenceInput: (field: string) => `${field}Id`,
  enumFilter: (enumName: string) => `${enumName}Filter`,
  /** An account's new password, set by an administrator: `resetUserPassword`. */
  resetPassword: (m: Nameable) => `reset${m.name}Password`,
  /** A step of a workflow (schema/shared/suggestion-workflow.ts): `assignSuggestion`, `answerSuggestionHandling`, `recordSuggestionFeedback`. */
  workflowMutation: (step: { verb: string; on: string; noun?: string }) => `${step.verb}${step.on}${step.noun ?? ''}`,
  /** Its input type: `SuggestionAssignInput`, `SuggestionHandlingAnswerInput`. */
  workflowInput: (step: { verb: string; on: string; noun?: string }) => `${step.on}${upperFirst(step.verb)}${step.noun ?? ''}Input`,
} as const;

export type InflectionKey = keyof typeof inflection;
