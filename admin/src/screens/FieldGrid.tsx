/** A record's values laid out in a responsive grid of labelled cells (show pages on a laptop screen). */
import { Box } from '@mui/material';
import { Labeled } from 'react-admin';
import type { EntityMeta, FieldMeta } from '../metadata/types';
import { valueOf } from './columns';

export const FieldGrid = ({ entity, fields }: { entity: EntityMeta; fields: FieldMeta[]; label?: false }) => (
  <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', columnGap: 3, rowGap: 1.5, width: '100%' }}>
    {fields.map((field) => (
      <Box key={field.name} sx={field.kind === 'longText' || field.kind === 'json' ? { gridColumn: '1 / -1' } : undefined}>
        <Labeled label={`resources.${entity.name}.fields.${field.name}`}>{valueOf(field)}</Labeled>
      </Box>
    ))}
  </Box>
);
