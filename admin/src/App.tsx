/**
 * The console: loads the model's metadata, then starts react-admin with a resource per entity, every
 * screen generated from that metadata, and the comparison page. Nothing here names an entity.
 */
import { lazy, useEffect, useState } from 'react';
import { Admin, CustomRoutes } from 'react-admin';
import { Route } from 'react-router-dom';
import { buildDataProvider, type ConsoleDataProvider } from './dataProvider/buildDataProvider';
import { Home } from './Home';
import { acceptLanguageOf, buildI18nProvider } from './i18n/i18nProvider';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { buildResources } from './metadata/buildResources';
import { loadMetadata } from './metadata/loadMetadata';
import { buildModel, type Model } from './metadata/model';
import { ModelProvider } from './metadata/ModelContext';
import type { I18nProvider } from 'react-admin';

/** The comparison page and recharts load only when it is opened. */
const AnalysisPage = lazy(() => import('./analysis/AnalysisPage'));

type Started = { model: Model; dataProvider: ConsoleDataProvider; i18nProvider: I18nProvider };

function start(model: Model): Started {
  const i18nProvider = buildI18nProvider(model);
  const dataProvider = buildDataProvider(model, () => acceptLanguageOf[i18nProvider.getLocale() === 'en' ? 'en' : 'zh']);
  return { model, dataProvider, i18nProvider };
}

const StartFailure = ({ error }: { error: Error }) => (
  <div style={{ padding: 24, fontFamily: 'sans-serif' }}>
    <h1>人大履职数据台 · Congress Records Console</h1>
    <p>无法读取数据模型，请稍后刷新页面。/ The data model could not be loaded; reload the page later.</p>
    <pre>{error.message}</pre>
  </div>
);

export const App = () => {
  const [started, setStarted] = useState<Started>();
  const [failure, setFailure] = useState<Error>();
  useEffect(() => {
    loadMetadata().then((metadata) => setStarted(start(buildModel(metadata))), setFailure);
  }, []);
  if (failure) return <StartFailure error={failure} />;
  if (!started) return null;
  return (
    <ModelProvider model={started.model}>
      <Admin
        title="人大履职数据台"
        dashboard={Home}
        layout={ConsoleLayout}
        dataProvider={started.dataProvider}
        i18nProvider={started.i18nProvider}
        disableTelemetry
        requireAuth={false}
      >
        {buildResources(started.model)}
        <CustomRoutes>
          <Route path="/analysis" element={<AnalysisPage />} />
        </CustomRoutes>
      </Admin>
    </ModelProvider>
  );
};
