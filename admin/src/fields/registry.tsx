/**
 * The field-type registry: every field kind the API publishes maps to its Field, Input and Filter
 * components. It is a total Record over FieldKind, so a kind added to schema/shared/field-kinds.ts
 * without components here fails to compile.
 */
import type { FieldKind } from '../../../schema/shared/field-kinds';
import { booleanKind } from './BooleanKind';
import { dateKind, dateTimeKind } from './DateKind';
import { enumKind } from './EnumKind';
import { jsonKind } from './JsonKind';
import { moneyKind } from './MoneyKind';
import { decimalKind, intKind } from './NumberKind';
import { referenceKind } from './ReferenceKind';
import { referenceListKind } from './ReferenceListKind';
import { textKind } from './TextKind';
import type { KindComponents } from './types';

export const registry: Record<FieldKind, KindComponents> = {
  text: textKind,
  longText: textKind,
  int: intKind,
  decimal: decimalKind,
  money: moneyKind,
  date: dateKind,
  datetime: dateTimeKind,
  boolean: booleanKind,
  enum: enumKind,
  reference: referenceKind,
  referenceList: referenceListKind,
  json: jsonKind,
};
