/** A from–to filter stored as `{ gte, lte }` under the field's name (see dataProvider/filters.ts). */
import type { ComponentType } from 'react';
import { Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { KindFilterProps } from './types';

type BoundInputProps = { source: string; label: string; size?: 'small' | 'medium'; helperText?: false; resource?: string };

/** Two bound inputs of the same component, labelled "<field>（起）" and "<field>（止）". */
export const RangeFilter = ({ source, entity, field, size, resource, Bound }: KindFilterProps & { Bound: ComponentType<BoundInputProps> }) => {
  const translate = useTranslate();
  const label = translate(`resources.${entity.name}.fields.${field.name}`);
  return (
    <Stack direction="row" spacing={1} data-testid={`range-${field.name}`}>
      <Bound source={`${source}.gte`} label={translate('crc.range.from', { label })} size={size} helperText={false} resource={resource} />
      <Bound source={`${source}.lte`} label={translate('crc.range.to', { label })} size={size} helperText={false} resource={resource} />
    </Stack>
  );
};
