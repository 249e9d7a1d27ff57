/**
 * The generated show screen: the record's values on the first tab, then one tab per to-many relation
 * with its embedded list (tabs load only when opened).
 */
import { EditButton, Show, TabbedShowLayout, TabbedShowLayoutTabs, TopToolbar, useRecordContext } from 'react-admin';
import { fieldsIn } from '../metadata/model';
import type { EntityMeta } from '../metadata/types';
import { DeleteWithReasonButton } from './DeleteWithReasonButton';
import { EmbeddedList } from './EmbeddedList';
import { FieldGrid } from './FieldGrid';
import { RestoreButton } from './RestoreButton';

const ShowActions = ({ entity }: { entity: EntityMeta }) => {
  const record = useRecordContext();
  const deleted = Boolean(record?.deletedAt);
  return (
    <TopToolbar>
      {deleted && <RestoreButton />}
      {!deleted && entity.operations.includes('update') && <EditButton />}
      {!deleted && entity.operations.includes('delete') && <DeleteWithReasonButton />}
    </TopToolbar>
  );
};

export const MetaShow = ({ entity }: { entity: EntityMeta }) => {
  const shown = fieldsIn(entity, 'show');
  const values = shown.filter((field) => field.kind !== 'referenceList');
  const lists = shown.filter((field) => field.kind === 'referenceList' && field.reference?.inverse);
  return (
    <Show resource={entity.name} actions={<ShowActions entity={entity} />}>
      <TabbedShowLayout tabs={<TabbedShowLayoutTabs variant="scrollable" scrollButtons="auto" />}>
        <TabbedShowLayout.Tab label="crc.show.main">
          <FieldGrid label={false} entity={entity} fields={values} />
        </TabbedShowLayout.Tab>
        {lists.map((field) => (
          <TabbedShowLayout.Tab key={field.name} label={`resources.${entity.name}.fields.${field.name}`} path={field.name}>
            <EmbeddedList label={false} field={field} />
          </TabbedShowLayout.Tab>
        ))}
      </TabbedShowLayout>
    </Show>
  );
};
