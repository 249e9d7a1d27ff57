/** The comparison's settings in the page address (`#/analysis?parent=…&metrics=…`), and back. */
import type { ComparisonSettings } from './types';

const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

export function readSettings(params: URLSearchParams): Partial<ComparisonSettings> {
  const settings: Partial<ComparisonSettings> = {};
  if (params.has('parent')) settings.parentId = params.get('parent') || null;
  if (params.has('level')) settings.level = params.get('level')!;
  if (params.has('regions')) settings.regionIds = list(params.get('regions'));
  if (params.has('metrics')) settings.metrics = list(params.get('metrics'));
  if (params.has('years')) settings.years = list(params.get('years')).map(Number).filter(Number.isInteger);
  if (params.has('from') && params.has('to')) settings.period = { from: params.get('from')!, to: params.get('to')! };
  return settings;
}

export function writeSettings(settings: ComparisonSettings, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams(extra);
  if (settings.parentId) params.set('parent', settings.parentId);
  params.set('level', settings.level);
  if (settings.regionIds.length) params.set('regions', settings.regionIds.join(','));
  params.set('metrics', settings.metrics.join(','));
  if (settings.period) {
    params.set('from', settings.period.from);
    params.set('to', settings.period.to);
  } else params.set('years', settings.years.join(','));
  return params;
}

/** Complete settings: what the address gives over the defaults. */
export const completeSettings = (given: Partial<ComparisonSettings>, defaults: ComparisonSettings): ComparisonSettings => ({
  ...defaults,
  ...given,
  period: given.period ?? (given.years ? null : defaults.period),
});
