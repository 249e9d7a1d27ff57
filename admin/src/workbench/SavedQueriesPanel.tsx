/**
 * 保存的查询, a GraphiQL sidebar panel beside the documentation and the history: the user's own queries,
 * others' shared ones and the shipped examples, each opened into the editor with a click. GraphiQL renders
 * a panel without props, so the workbench hands it what it shows through a context.
 */
import { createContext, Fragment, useContext, useMemo } from 'react';
import { Alert, Box, LinearProgress, List, ListSubheader, Typography } from '@mui/material';
import BookmarksIcon from '@mui/icons-material/BookmarksOutlined';
import { useTranslate } from 'react-admin';
import type { GraphiQLPlugin } from '@graphiql/react';
import type { ListedQuery, SavedQuery, SavedQueryKind } from './savedQueries';
import { SavedQueryItem, type ItemAction } from './SavedQueryItem';
import type { SavedQueries } from './useSavedQueries';

type Panel = {
  saved: SavedQueries;
  current: ListedQuery | undefined;
  pending: boolean;
  onOpen: (saved: SavedQuery) => void;
  onAction: (row: ListedQuery, action: ItemAction) => void;
};

const PanelContext = createContext<Panel | null>(null);

/** Gives the panel what it shows; around GraphiQL's interface, where GraphiQL renders its panels. */
export const SavedQueriesPanelProvider = PanelContext.Provider;

const sections: { kind: SavedQueryKind; label: string }[] = [
  { kind: 'mine', label: 'crc.workbench.saved.mine' },
  { kind: 'shared', label: 'crc.workbench.saved.sharedByOthers' },
  { kind: 'example', label: 'crc.workbench.saved.examples' },
];

const SavedQueriesPanel = () => {
  const translate = useTranslate();
  const panel = useContext(PanelContext);
  if (!panel) return null;
  const { saved, current, pending, onOpen, onAction } = panel;
  const rows = saved.rows ?? [];
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }} data-testid="saved-queries" data-relabel="off">
      <Typography variant="h6" component="h2" sx={{ px: 1, pb: 1 }}>
        {translate('crc.workbench.saved.title')}
      </Typography>
      {(pending || !saved.rows) && !saved.failure && <LinearProgress />}
      {saved.failure && <Alert severity="error">{translate('crc.workbench.saved.failed', { message: saved.failure })}</Alert>}
      {saved.rows && rows.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ px: 1 }}>
          {translate('crc.workbench.saved.empty')}
        </Typography>
      )}
      <List dense sx={{ overflowY: 'auto', flex: 1, minHeight: 0, pt: 0 }}>
        {sections.map(({ kind, label }) => {
          const inSection = rows.filter((row) => row.kind === kind);
          if (inSection.length === 0) return null;
          return (
            <Fragment key={kind}>
              <ListSubheader sx={{ lineHeight: '32px', bgcolor: 'transparent', backdropFilter: 'blur(8px)' }}>{translate(label)}</ListSubheader>
              {inSection.map((row) => (
                <SavedQueryItem key={row.id} row={row} selected={row.id === current?.id} onOpen={() => onOpen(row)} onAction={(action) => onAction(row, action)} />
              ))}
            </Fragment>
          );
        })}
      </List>
    </Box>
  );
};

/** The panel as a GraphiQL plugin, titled in the console's language. */
export function useSavedQueriesPlugin(): GraphiQLPlugin {
  const translate = useTranslate();
  const title = translate('crc.workbench.saved.title');
  return useMemo(() => ({ title, icon: BookmarksIcon, content: SavedQueriesPanel }), [title]);
}
