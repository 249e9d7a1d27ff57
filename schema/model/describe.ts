/** The GraphQL description of a model, field or enum: both labels, then what it is. */
export function describe(labelZh: string, labelEn: string, description?: string): string {
  return description ? `${labelZh} / ${labelEn} — ${description}` : `${labelZh} / ${labelEn}`;
}
