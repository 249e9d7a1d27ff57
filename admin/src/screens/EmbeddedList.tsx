/**
 * A to-many relation on a show page: the join rows (a group's memberships, a station's assignments …)
 * as a paginated list with add, edit and remove; add and edit come back here after saving.
 */
import { useMemo, type MouseEvent } from 'react';
import EditIcon from '@mui/icons-material/Edit';
import { Box, Typography } from '@mui/material';
import { Button, CreateButton, Datagrid, LinkBase, Pagination, ReferenceManyField, useCreatePath, useLocation, useRecordContext, useResourceDefinition, useTranslate } from 'react-admin';
import { useModel } from '../metadata/ModelContext';
import { fieldsIn } from '../metadata/model';
import type { EntityMeta, FieldMeta } from '../metadata/types';
import { valueOf } from './columns';
import { DeleteWithReasonButton } from './DeleteWithReasonButton';
import { inflection } from '../../../schema/shared/inflection';
import { AttachmentDownloadButton, AttachmentUploadButton } from '../attachments/AttachmentButtons';

/** Files come and go over /attachments, not the generic create: a list of them gets their own buttons. */
const holdsFiles = (entity: EntityMeta) => entity.name === 'Attachment';

const EditRowButton = ({ entity, returnTo }: { entity: EntityMeta; returnTo: string }) => {
  const record = useRecordContext();
  const createPath = useCreatePath();
  if (!record || !entity.operations.includes('update')) return null;
  return (
    <Button
      component={LinkBase}
      to={createPath({ resource: entity.name, id: record.id, type: 'edit' })}
      state={{ returnTo }}
      label="ra.action.edit"
      onClick={(event: MouseEvent) => event.stopPropagation()}
    >
      <EditIcon />
    </Button>
  );
};

/** Edit and remove in one unlabeled cell at the end of the row. */
const RowActions = ({ entity, returnTo }: { entity: EntityMeta; returnTo: string }) => (
  <Box sx={{ display: 'flex', justifyContent: 'flex-end', whiteSpace: 'nowrap' }}>
    {holdsFiles(entity) && <AttachmentDownloadButton />}
    <EditRowButton entity={entity} returnTo={returnTo} />
    {entity.operations.includes('delete') && <DeleteWithReasonButton redirect={false} label="ra.action.remove" />}
  </Box>
);

const Empty = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
      {translate('crc.embedded.empty')}
    </Typography>
  );
};

export const EmbeddedList = ({ field }: { field: FieldMeta; label?: false }) => {
  const model = useModel();
  const record = useRecordContext();
  const location = useLocation();
  const target = model.entity(field.reference?.entity ?? '');
  const { hasCreate } = useResourceDefinition({ resource: target.name });
  const inverse = field.reference?.inverse ?? '';
  const columns = useMemo(() => fieldsIn(target, 'list').filter((column) => column.name !== inverse && column.kind !== 'referenceList'), [target, inverse]);
  const first = target.defaultSort[0];
  const sort = first ? { field: first.field, order: first.direction } : undefined;
  if (!record) return null;
  const returnTo = location.pathname;
  return (
    <Box sx={{ width: '100%' }} data-testid={`embedded-${field.name}`}>
      {holdsFiles(target) && (inverse === 'suggestion' || inverse === 'handling') && (
        <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
          <AttachmentUploadButton on={inverse} />
        </Box>
      )}
      {hasCreate && (
        <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
          <CreateButton resource={target.name} label="crc.embedded.add" state={{ record: { [inflection.referenceInput(inverse)]: record.id }, returnTo }} />
        </Box>
      )}
      <ReferenceManyField reference={target.name} target={inverse} perPage={10} sort={sort} pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}>
        <Datagrid bulkActionButtons={false} rowClick="show" empty={<Empty />}>
          {columns.map(valueOf)}
          <RowActions entity={target} returnTo={returnTo} />
        </Datagrid>
      </ReferenceManyField>
    </Box>
  );
};
