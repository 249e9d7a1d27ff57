/** The console shell: react-admin with the home page; resource screens are generated from metadata later. */
import { Admin, CustomRoutes } from 'react-admin';
import { Home } from './Home';
import { emptyDataProvider } from './emptyDataProvider';
import { i18nProvider } from './i18n';

export const App = () => (
  <Admin title="人大履职数据台" dashboard={Home} dataProvider={emptyDataProvider} i18nProvider={i18nProvider} disableTelemetry>
    <CustomRoutes>{[]}</CustomRoutes>
  </Admin>
);
