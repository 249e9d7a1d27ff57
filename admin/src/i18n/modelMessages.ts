/**
 * Translation messages generated from the model: `resources.<Entity>.name`, `resources.<Entity>.fields.<field>`
 * (react-admin's keys), enum labels under `crc.enums.<Enum>.<VALUE>`, and the shared validators' issues
 * under `crc.issues.<CODE>`. Every label the screens show comes from here or from consoleMessages.
 */
import { issues } from '../../../schema/shared/validators';
import { labelOf, type Model } from '../metadata/model';
import type { Language } from '../metadata/types';

type Messages = Record<string, unknown>;

/** The messages one language needs for the model's entities, fields, enums and validators. */
export function modelMessages(model: Model, language: Language): Messages {
  const resources: Messages = {};
  const enums: Record<string, Record<string, string>> = {};
  for (const entity of model.entities) {
    const fields: Record<string, string> = {};
    for (const field of entity.fields) {
      fields[field.name] = labelOf(field, language);
      if (field.kind === 'reference') fields[`${field.name}Id`] = labelOf(field, language);
      if (field.options) enums[field.graphqlType] = Object.fromEntries(field.options.map((option) => [option.value, labelOf(option, language)]));
    }
    resources[entity.name] = { name: labelOf(entity, language), fields };
  }
  const issueTexts = Object.fromEntries(Object.values(issues).map((issue) => [issue.code, issue[language]]));
  const areas = Object.fromEntries(model.areas.map((area) => [area.key, labelOf(area, language)]));
  return { resources, crc: { enums, issues: issueTexts, areas } };
}
