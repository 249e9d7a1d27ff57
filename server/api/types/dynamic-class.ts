/**
 * type-graphql builds GraphQL types from decorated classes; the generated API needs one class per model
 * and verb, so it creates them here and applies the same decorators a hand-written class would carry.
 */
import { ArgsType, Field, InputType, ObjectType } from 'type-graphql';

export type FieldSpec = {
  name: string;
  type: () => unknown;
  nullable?: boolean;
  description?: string;
  defaultValue?: unknown;
};

type Kind = 'input' | 'object' | 'args';

/** A named, decorated class; its fields' types are thunks, so types may refer to each other in cycles. */
export function makeClass(kind: Kind, name: string, description: string | undefined, fields: FieldSpec[]): new () => object {
  const holder = { [name]: class {} };
  const target = holder[name];
  for (const field of fields) {
    Field(field.type as never, {
      nullable: field.nullable ?? true,
      description: field.description,
      ...(field.defaultValue === undefined ? {} : { defaultValue: field.defaultValue }),
    })(target.prototype, field.name);
  }
  if (kind === 'input') InputType(name, { description })(target);
  else if (kind === 'object') ObjectType(name, { description, simpleResolvers: true })(target);
  else ArgsType()(target);
  return target;
}
