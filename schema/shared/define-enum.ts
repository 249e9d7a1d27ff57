/** Enums with zh/en labels and an optional colour per value, free of decorators (the console imports them). */
/**
 * A value's colour: one of the theme's palette names (MUI `Chip color`), which carry their own readable text
 * colour in light and dark mode — never a CSS colour of its own.
 */
export type EnumColour = 'default' | 'primary' | 'secondary' | 'error' | 'info' | 'success' | 'warning';

export const enumColours: readonly EnumColour[] = ['default', 'primary', 'secondary', 'error', 'info', 'success', 'warning'];

export type EnumOption<V extends string = string> = { value: V; labelZh: string; labelEn: string; color?: EnumColour };

export type EnumDef<V extends string = string> = {
  name: string;
  labelZh: string;
  labelEn: string;
  values: readonly V[];
  options: readonly EnumOption<V>[];
  /** `{ NATIONAL: 'NATIONAL', … }`, the shape GraphQL enum registration takes. */
  object: Record<V, V>;
  label(value: V, language: 'zh' | 'en'): string;
};

type Labels = { zh: string; en: string; color?: EnumColour };

export function defineEnum<const V extends string>(name: string, labels: Labels, values: Record<V, Labels>): EnumDef<V> {
  const keys = Object.keys(values) as V[];
  const options = keys.map((value) => ({ value, labelZh: values[value].zh, labelEn: values[value].en, color: values[value].color }));
  return {
    name,
    labelZh: labels.zh,
    labelEn: labels.en,
    values: keys,
    options,
    object: Object.fromEntries(keys.map((key) => [key, key])) as Record<V, V>,
    label: (value, language) => (language === 'en' ? values[value].en : values[value].zh),
  };
}

/** The union of an enum's values: `EnumValue<typeof DeputyLevel>`. */
export type EnumValue<E> = E extends EnumDef<infer V> ? V : never;
