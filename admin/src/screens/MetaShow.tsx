/**
 * The generated show screen: the record's values on the first tab (below a panel of the entity's own, if it
 * has one: a suggestion's workflow), then one tab per to-many relation with its embedded list, and last the
 * record's history (tabs load only when opened).
 */
import type { ReactNode } from 'react';
import { Box } from '@mui/material';
import { EditButton, Show, TabbedShowLayout, TabbedShowLayoutTabs, TopToolbar, useRecordContext } from 'react-admin';
import { RecordHistory } from '../audit/RecordHistory';
import { useModel } from '../metadata/ModelContext';
import { fieldsIn } from '../metadata/model';
import type { EntityMeta } from '../metadata/types';
import { DeleteWithReasonButton } from './DeleteWithReasonButton';
import { EmbeddedList } from './EmbeddedList';
import { FieldGrid } from './FieldGrid';
import { RestoreButton } from './RestoreButton';

/** `extra`: actions of the entity's own for a live record (a user's new password). */
const ShowActions = ({ entity, extra }: { entity: EntityMeta; extra?: ReactNode }) => {
  const record = useRecordContext();
  const deleted = Boolean(record?.deletedAt);
  return (
    <TopToolbar>
      {deleted && <RestoreButton />}
      {!deleted && extra}
      {!deleted && entity.operations.includes('update') && <EditButton />}
      {!deleted && entity.operations.includes('delete') && <DeleteWithReasonButton />}
    </TopToolbar>
  );
};

/**
 * The tab bar takes the page's width and scrolls within it: sized by its tabs (a region has a dozen
 * relations), it would widen the whole page, and the history, the last tab, would sit off screen.
 */
const tabBarWidth = { width: 0, minWidth: '100%' };

/** A panel above the values, taking the tab's width; `label={false}`: the tab puts no field label over it. */
const EntityPanel = ({ children }: { children: ReactNode; label?: false }) => <Box sx={{ width: '100%' }}>{children}</Box>;

export const MetaShow = ({ entity, extraActions, panel }: { entity: EntityMeta; extraActions?: ReactNode; panel?: ReactNode }) => {
  const model = useModel();
  const shown = fieldsIn(entity, 'show');
  const values = shown.filter((field) => field.kind !== 'referenceList');
  // Only relations to records this user may list: a leader reads regions, not the users in them.
  const lists = shown.filter((field) => field.kind === 'referenceList' && field.reference?.inverse && model.find(field.reference.entity)?.operations.includes('list'));
  return (
    <Show resource={entity.name} actions={<ShowActions entity={entity} extra={extraActions} />}>
      <TabbedShowLayout tabs={<TabbedShowLayoutTabs variant="scrollable" scrollButtons="auto" sx={tabBarWidth} />}>
        <TabbedShowLayout.Tab label="crc.show.main">
          {panel && <EntityPanel label={false}>{panel}</EntityPanel>}
          <FieldGrid label={false} entity={entity} fields={values} />
        </TabbedShowLayout.Tab>
        {lists.map((field) => (
          <TabbedShowLayout.Tab key={field.name} label={`resources.${entity.name}.fields.${field.name}`} path={field.name}>
            <EmbeddedList label={false} field={field} />
          </TabbedShowLayout.Tab>
        ))}
        <TabbedShowLayout.Tab label="crc.history.tab" path="history">
          <RecordHistory label={false} entity={entity} />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
};
