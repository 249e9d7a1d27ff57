/**
 * The generated list screen of any entity: columns from metadata (the first few shown, the rest in the
 * column picker), server-side sort and pagination, per-kind filters and full-text search, saved
 * queries, import from a spreadsheet, Excel or CSV export, bulk delete and the deleted-records view with restore.
 */
import { useMemo } from 'react';
import { CreateButton, Datagrid, DatagridConfigurable, FilterButton, List, SelectColumnsButton, TopToolbar, useListContext, useResourceDefinition } from 'react-admin';
import { defaultPerPage, initialListColumns } from '../config';
import { fieldsIn } from '../metadata/model';
import type { EntityMeta, FieldMeta } from '../metadata/types';
import { filterElements, valueOf } from './columns';
import { CountedPagination } from './CountedPagination';
import { DeletedToggle } from './DeletedToggle';
import { ListExportButton } from './ListExportButton';
import { ImportButton } from '../import/ImportButton';
import { RestoreButton } from './RestoreButton';
import { VersionedBulkDelete } from './VersionedBulkDelete';

/** 新建 when the resource has a create screen: the generic one, or an account's with its password. */
const ListActions = ({ entity }: { entity: EntityMeta }) => {
  const { hasCreate } = useResourceDefinition({ resource: entity.name });
  return (
    <TopToolbar sx={{ alignItems: 'center' }}>
      {entity.operations.includes('restore') && <DeletedToggle />}
      <FilterButton />
      <SelectColumnsButton />
      {hasCreate && <CreateButton />}
      {hasCreate && entity.importable && <ImportButton entity={entity} />}
      <ListExportButton entity={entity} />
    </TopToolbar>
  );
};

/** The table; the deleted-records view shows the first columns, the reason given and a restore button per row. */
const MetaDatagrid = ({ entity, columns }: { entity: EntityMeta; columns: FieldMeta[] }) => {
  const { filterValues } = useListContext();
  const omit = useMemo(() => columns.slice(initialListColumns).map((field) => field.name), [columns]);
  if (filterValues.deleted) {
    const reason = entity.fields.find((field) => field.name === 'deletedReason');
    return (
      <Datagrid rowClick="show" bulkActionButtons={false}>
        {columns.slice(0, initialListColumns).map(valueOf)}
        {reason && valueOf(reason)}
        <RestoreButton label="crc.deleted.restore" />
      </Datagrid>
    );
  }
  return (
    <DatagridConfigurable
      rowClick="show"
      omit={omit}
      bulkActionButtons={entity.operations.includes('delete') ? <VersionedBulkDelete /> : false}
      sx={{ '& .RaDatagrid-headerCell': { whiteSpace: 'nowrap' } }}
    >
      {columns.map(valueOf)}
    </DatagridConfigurable>
  );
};

export const MetaList = ({ entity }: { entity: EntityMeta }) => {
  const filters = useMemo(() => filterElements(entity), [entity]);
  const columns = useMemo(() => fieldsIn(entity, 'list').filter((field) => field.kind !== 'referenceList'), [entity]);
  const first = entity.defaultSort[0];
  const sort = first ? { field: first.field, order: first.direction } : { field: 'id', order: 'ASC' as const };
  return (
    <List
      resource={entity.name}
      filters={filters}
      sort={sort}
      perPage={defaultPerPage}
      pagination={<CountedPagination rowsPerPageOptions={[10, 25, 50, 100]} />}
      exporter={false}
      actions={<ListActions entity={entity} />}
    >
      <MetaDatagrid entity={entity} columns={columns} />
    </List>
  );
};
