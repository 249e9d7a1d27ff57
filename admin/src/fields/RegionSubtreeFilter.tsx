/**
 * The filter on a reference to a region (所属区划, 选举单位 …): the region picked and every region below it, at any
 * level (the API's `within`: 平凉市 keeps its counties' and townships' records), not that one region alone. Picked
 * among regions of every level by name, pinyin or code, and kept in the filter as `{ within: code }`, which the
 * address holds and `filterToWhere` sends as it is.
 */
import { useInput, useTranslate } from 'react-admin';
import { RegionPicker } from '../analysis/RegionPicker';
import { useRegionByCode } from '../analysis/useRegionByCode';
import type { KindFilterProps } from './types';
import { withinCode } from './regionSubtree';

const everyLevel = ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP'] as const;

export const RegionSubtreeFilter = ({ source, field, entity }: KindFilterProps) => {
  const translate = useTranslate();
  const { field: input } = useInput({ source });
  const region = useRegionByCode(withinCode(input.value));
  return (
    <RegionPicker
      value={region}
      onChange={(picked) => input.onChange(picked ? { within: picked.code } : null)}
      label={translate(`resources.${entity.name}.fields.${field.name}`)}
      testId={`filter-${field.name}-within`}
      levels={everyLevel}
    />
  );
};
