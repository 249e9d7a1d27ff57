/**
 * The workbench inside GraphiQL's provider: who is signed in, the cost of the query in the editor, saving
 * and exporting it above GraphiQL; the saved queries in GraphiQL's sidebar. The address carries the saved
 * query opened last (`?query=ID`), so a shared link, a reload and the back button all open it again.
 */
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Box, Button, Paper, Stack } from '@mui/material';
import SaveIcon from '@mui/icons-material/Save';
import { useNotify, useTranslate } from 'react-admin';
import { GraphiQL, GraphiQLInterface } from 'graphiql';
import { useGraphQL } from '../dataProvider/useGraphQL';
import type { Viewer } from '../metadata/types';
import { CostIndicator } from './CostIndicator';
import { ExportButtons } from './ExportButtons';
import { readSavedQuery, type SavedQuery } from './savedQueries';
import { SavedQueriesPanelProvider } from './SavedQueriesPanel';
import { ResultView } from './ResultView';
import { ReadOnlyNote, SignedInAs } from './SignedInAs';
import { ToolbarButtons } from './ToolbarButtons';
import { useChineseText, useEditorRequest, useOpenInEditor } from './useEditor';
import { useGraphiQLLabels } from './useGraphiQLLabels';
import { useQueryCost } from './useQueryCost';
import { useSavedQueries } from './useSavedQueries';
import { useSavedQueryActions } from './useSavedQueryActions';
import { isBlankQuery } from './variables';

/**
 * GraphiQL's response pane holds the 表格 / JSON bar (its footer slot, moved above the JSON) and the table
 * laid over the JSON; GraphiQL's margins are narrowed so the editors keep the width.
 */
const paneStyles = {
  flex: 1,
  minHeight: 0,
  mb: 1,
  overflow: 'hidden',
  // Under `.graphiql-container`, to outweigh GraphiQL's own rules (its style sheet loads after the console's).
  '& .graphiql-container .graphiql-sessions': { margin: '8px', marginLeft: 0 },
  '& .graphiql-container .graphiql-response': { position: 'relative', paddingTop: 0 },
  '& .graphiql-container .graphiql-footer': { order: -1, borderTop: 0, borderBottom: 1, borderColor: 'divider' },
} as const;

export const Workbench = ({ viewer }: { viewer: Viewer }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const graphql = useGraphQL();
  const request = useEditorRequest();
  const estimate = useQueryCost(request);
  const saved = useSavedQueries(viewer.id);
  const editor = useOpenInEditor();
  useChineseText();
  useGraphiQLLabels();
  const [params, setParams] = useSearchParams();
  const linked = params.get('query');
  // The saved query the editor holds, for its name (exports) and its place in the list.
  const current = saved.rows?.find((row) => row.query.trim() === request.query.trim());

  /** The id opened last: the address then names it, and must not open it a second time. */
  const opened = useRef<string | null>(null);
  const open = (query: SavedQuery) => {
    opened.current = query.id;
    editor.open(query.query, query.variables);
    // Always: `linked` may be behind a navigation still under way (two clicks in quick succession).
    setParams({ query: query.id }, { replace: linked === query.id });
  };
  const actions = useSavedQueryActions({ saved, current, request, onSaved: open });

  // A link (or a reload) names a saved query: open it once the editors exist.
  const latest = useRef(editor.open);
  latest.current = editor.open;
  useEffect(() => {
    if (!editor.ready || !linked || linked === opened.current) return;
    opened.current = linked;
    readSavedQuery(graphql, linked).then(
      (found) => (found ? latest.current(found.query, found.variables) : notify('crc.workbench.saved.missing', { type: 'warning' })),
      (error: Error) => notify(error.message, { type: 'error' }),
    );
  }, [editor.ready, linked]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', py: 1, minHeight: 48 }}>
        <SignedInAs viewer={viewer} />
        <Box sx={{ flex: 1, minWidth: 0, display: 'flex', justifyContent: 'flex-end', pr: 1 }}>
          <CostIndicator estimate={estimate} />
        </Box>
        <Button
          size="small"
          variant="contained"
          startIcon={<SaveIcon />}
          disabled={actions.pending || isBlankQuery(request.query) || request.variables === undefined}
          onClick={actions.save}
          data-testid="save-query"
        >
          {translate('crc.workbench.actions.save')}
        </Button>
        <ExportButtons request={request} name={current?.name} />
      </Stack>
      <ReadOnlyNote viewer={viewer} />
      <Paper variant="outlined" sx={paneStyles} data-testid="graphiql">
        <SavedQueriesPanelProvider value={{ saved, current, pending: actions.pending, onOpen: open, onAction: actions.act }}>
          <GraphiQLInterface forcedTheme="light" isHeadersEditorEnabled={false} defaultEditorToolsVisibility="variables">
            <GraphiQL.Logo>{translate('crc.workbench.title')}</GraphiQL.Logo>
            <GraphiQL.Toolbar>
              <ToolbarButtons />
            </GraphiQL.Toolbar>
            <GraphiQL.Footer>
              <ResultView />
            </GraphiQL.Footer>
          </GraphiQLInterface>
        </SavedQueriesPanelProvider>
      </Paper>
      {actions.dialogs}
    </Box>
  );
};
