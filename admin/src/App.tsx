/**
 * The console: the sign-in page until someone signs in; then the signed-in user's model, and react-admin
 * with a resource per entity, every screen generated from that metadata, the comparison page, the
 * workbench, the printable reports, the secretariat's board of suggestions and, for administrators, the audit log (and for super administrators the backups). Nothing here names an entity.
 */
import { lazy } from 'react';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { auditLogResource } from './audit/auditLogProvider';
import { AuditLogList } from './audit/AuditLogList';
import { consoleStore } from './auth/consoleStore';
import { isAdministrator } from './auth/isAdministrator';
import { SignInPage } from './auth/SignInPage';
import { SignInRedirect } from './auth/SignInRedirect';
import { useConsoleStage } from './auth/useConsoleStage';
import { Home } from './Home';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { buildResources } from './metadata/buildResources';
import { ModelProvider } from './metadata/ModelContext';

/** The comparison page and recharts load only when it is opened. */
const AnalysisPage = lazy(() => import('./analysis/AnalysisPage'));
/** The workbench, GraphiQL and Monaco too (several megabytes: never in the main bundle). */
const WorkbenchPage = lazy(() => import('./workbench/WorkbenchPage'));
/** The printable reports, when opened. */
const ReportsPage = lazy(() => import('./reports/ReportsPage'));
const RosterReport = lazy(() => import('./reports/RosterReport'));
const HandlingReport = lazy(() => import('./reports/HandlingReport'));
/** The secretariat's board of suggestions by state, when opened. */
const SuggestionBoard = lazy(() => import('./board/SuggestionBoard'));
/** The super administrator's backup page, when opened. */
const BackupsPage = lazy(() => import('./backups/BackupsPage'));

const StartFailure = ({ error }: { error: Error }) => (
  <div style={{ padding: 24, fontFamily: 'sans-serif' }}>
    <h1>人大履职数据台 · Congress Records Console</h1>
    <p>无法读取数据模型，请稍后刷新页面。/ The data model could not be loaded; reload the page later.</p>
    <pre>{error.message}</pre>
  </div>
);

export const App = () => {
  const stage = useConsoleStage();
  if (stage.kind === 'starting') return null;
  if (stage.kind === 'failed') return <StartFailure error={stage.error} />;
  const shared = { title: '人大履职数据台', authProvider: stage.authProvider, i18nProvider: stage.i18nProvider, store: consoleStore, loginPage: SignInPage, disableTelemetry: true };
  if (stage.kind === 'signedOut') return <Admin key={stage.key} {...shared} ready={SignInRedirect} />;
  return (
    <ModelProvider model={stage.model}>
      <Admin key={stage.key} {...shared} dashboard={Home} layout={ConsoleLayout} dataProvider={stage.dataProvider} requireAuth>
        {buildResources(stage.model)}
        {isAdministrator(stage.model.viewer) && <Resource name={auditLogResource} list={AuditLogList} options={{ label: 'crc.audit.title' }} />}
        <CustomRoutes>
          <Route path="/analysis" element={<AnalysisPage />} />
          <Route path="/workbench" element={<WorkbenchPage />} />
          <Route path="/reports" element={<ReportsPage />} />
          <Route path="/reports/roster" element={<RosterReport />} />
          <Route path="/reports/suggestions" element={<HandlingReport />} />
          <Route path="/board" element={<SuggestionBoard />} />
          <Route path="/backups" element={<BackupsPage />} />
        </CustomRoutes>
      </Admin>
    </ModelProvider>
  );
};
