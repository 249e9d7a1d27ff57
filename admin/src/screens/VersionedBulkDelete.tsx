/** Bulk soft delete that sends each selected record's version, so a record changed meanwhile is refused. */
import { useMemo } from 'react';
import { BulkDeleteButton, useListContext } from 'react-admin';

export const VersionedBulkDelete = () => {
  const { data = [], selectedIds, filterValues } = useListContext();
  const items = useMemo(
    () => data.filter((record) => selectedIds.includes(record.id)).map((record) => ({ id: record.id, version: record.version as number })),
    [data, selectedIds],
  );
  if (filterValues.deleted) return null;
  return <BulkDeleteButton mutationMode="pessimistic" mutationOptions={{ meta: { items } }} />;
};
