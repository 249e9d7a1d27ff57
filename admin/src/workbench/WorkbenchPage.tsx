/**
 * 查询工作台: GraphiQL against the console's own API — documentation from the schema's descriptions
 * (introspection), query history, the visual explorer, saved queries — with the cost of the query before it
 * runs, saving and exports above it. Loaded on demand: GraphiQL and Monaco are its own chunks, and Monaco's
 * workers are built by Vite (`?worker`) instead of fetched from a CDN, so it all works offline.
 */
import 'graphiql/setup-workers/vite';
// GraphiQL's parts one by one rather than graphiql/style.css, which also carries Monaco's style sheet (loaded
// with Monaco already, its icon font inlined a second time) and Roboto and Fira Code inlined in every script
// (Cyrillic, Greek, Vietnamese): ~470 kB more CSS, all downloaded. Text falls back to the console's fonts,
// the editors to a monospace stack (useChineseText).
import '@graphiql/react/style.css';
import '@graphiql/plugin-doc-explorer/style.css';
import '@graphiql/plugin-history/style.css';
import 'graphiql/graphiql.css';
import '@graphiql/plugin-explorer/style.css';
import { useMemo, useRef } from 'react';
import { Box } from '@mui/material';
import { Title, useI18nProvider, useLogoutIfAccessDenied, useTranslate } from 'react-admin';
import { GraphiQLProvider, type GraphiQLPlugin } from '@graphiql/react';
import { DOC_EXPLORER_PLUGIN, DocExplorerStore } from '@graphiql/plugin-doc-explorer';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { HISTORY_PLUGIN, HistoryStore } from '@graphiql/plugin-history';
import { acceptLanguageOf, languageOf } from '../i18n/i18nProvider';
import { useModel } from '../metadata/ModelContext';
import { createFetcher } from './fetcher';
import { useSavedQueriesPlugin } from './SavedQueriesPanel';
import { userStorage } from './userStorage';
import { Workbench } from './Workbench';

/** Made once: GraphiQL resets the open panel whenever its plugins change. */
const explorer = explorerPlugin();

/**
 * The editors' share of the width beside the result (GraphiQL's `editorFlex`, 1: half each), until the
 * user drags the bar: the query is what is written, and the result has its table, which scrolls. GraphiQL
 * reads it only from its storage.
 */
const storageDefaults = { 'graphiql:editorFlex': '1.6' };

/** A GraphiQL plugin under the console's title for it: GraphiQL shows the title and "Show"/"Hide" it. */
function useTitled(plugin: GraphiQLPlugin, key: string): GraphiQLPlugin {
  const title = useTranslate()(`crc.workbench.graphiql.${key}`);
  return useMemo(() => ({ ...plugin, title }), [plugin, title]);
}

export default function WorkbenchPage() {
  const { viewer } = useModel();
  const translate = useTranslate();
  const i18nProvider = useI18nProvider();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  // GraphiQL introspects again whenever its fetcher changes: one fetcher for the page's life.
  const signOut = useRef(logoutIfAccessDenied);
  signOut.current = logoutIfAccessDenied;
  const fetcher = useMemo(
    () =>
      createFetcher(
        () => acceptLanguageOf[languageOf(i18nProvider)],
        () => void signOut.current({ status: 401 }),
      ),
    [i18nProvider],
  );
  const storage = useMemo(() => userStorage(viewer.id, storageDefaults), [viewer.id]);
  // GraphiQL's sidebar: the saved queries, the documentation (also where the editor's links lead), the
  // history, the explorer. None is open at first: an open panel takes a quarter of the width, and the
  // editor and the result need it (the user's choice of panel is kept in the storage).
  const savedQueries = useSavedQueriesPlugin();
  const docs = useTitled(DOC_EXPLORER_PLUGIN, 'docs');
  const history = useTitled(HISTORY_PLUGIN, 'history');
  const explorerTitled = useTitled(explorer, 'explorer');
  const plugins = useMemo(() => [savedQueries, docs, history, explorerTitled], [savedQueries, docs, history, explorerTitled]);
  return (
    // The page fills the window below the app bar and GraphiQL's panes size themselves to it; the page's
    // width is the layout's, never its content's (react-admin's layout would widen to the editors' width).
    <Box sx={{ display: 'flex', flexDirection: 'column', height: { xs: 'calc(100vh - 56px)', sm: 'calc(100vh - 48px)' }, minHeight: 480, contain: 'inline-size' }} data-testid="workbench-page">
      <Title title={translate('crc.workbench.title')} />
      <GraphiQLProvider fetcher={fetcher} storage={storage} plugins={plugins} referencePlugin={docs} defaultQuery={translate('crc.workbench.defaultQuery')} shouldPersistHeaders={false}>
        <HistoryStore>
          <DocExplorerStore>
            <Workbench viewer={viewer} />
          </DocExplorerStore>
        </HistoryStore>
      </GraphiQLProvider>
    </Box>
  );
}
