/**
 * A record's values laid out in a responsive grid of labelled cells (show pages on a laptop screen). What the
 * server sets and has not set (a deletion's time and reason on a live record) is left out, not shown empty.
 */
import { Box } from '@mui/material';
import { Labeled, useRecordContext } from 'react-admin';
import type { EntityMeta, FieldMeta } from '../metadata/types';
import { valueOf } from './columns';
import { sourceOf } from '../metadata/model';

export const FieldGrid = ({ entity, fields }: { entity: EntityMeta; fields: FieldMeta[]; label?: false }) => {
  const record = useRecordContext();
  const shown = fields.filter((field) => !field.readOnly || field.kind === 'referenceList' || (record?.[sourceOf(field)] ?? null) !== null);
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', columnGap: 3, rowGap: 1.5, width: '100%' }}>
      {shown.map((field) => (
        <Box key={field.name} sx={field.kind === 'longText' || field.kind === 'json' ? { gridColumn: '1 / -1' } : undefined}>
          <Labeled label={`resources.${entity.name}.fields.${field.name}`}>{valueOf(field)}</Labeled>
        </Box>
      ))}
    </Box>
  );
};
