/**
 * The home page, by what each user comes for: a leader's key metrics of their scope (this year against last,
 * the regions furthest from the median, their dashboards); a secretariat's to-do list (administrators and
 * clerks); a handling unit's tasks (handlers); and for those who keep or query records, how many of each kind exist. The server's readiness is
 * said only when it is not ready.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { Box, Card, CardActionArea, CardContent, Typography } from '@mui/material';
import { LinkBase, Title, useCreatePath, useDataProvider, useTranslate } from 'react-admin';
import type { ConsoleDataProvider } from './dataProvider/buildDataProvider';
import { useModel } from './metadata/ModelContext';
import { TodoList } from './home/TodoList';
import { isAdministrator } from './auth/isAdministrator';
import { KeyMetrics } from './home/KeyMetrics';

// Only a handling unit's staff see their tasks: the others' first load does not carry them.
const HandlerTasks = lazy(() => import('./tasks/HandlerTasks').then((module) => ({ default: module.HandlerTasks })));

type Readiness = { status: string; reason?: string };

const useCounts = () => {
  const model = useModel();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [counts, setCounts] = useState<Record<string, number>>();
  useEffect(() => {
    const names = model.entities.filter((entity) => entity.operations.includes('list')).map((entity) => entity.name);
    dataProvider.counts(names).then(setCounts, () => setCounts({}));
  }, [model, dataProvider]);
  return counts;
};

export const Home = () => {
  const translate = useTranslate();
  const model = useModel();
  const [readiness, setReadiness] = useState<Readiness>();
  useEffect(() => {
    fetch('/readyz')
      .then((response) => response.json() as Promise<Readiness>)
      .then(setReadiness, () => setReadiness({ status: 'unavailable' }));
  }, []);
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('crc.productName')} />
      <Typography variant="h5" component="h1">
        {translate('crc.productName')}
      </Typography>
      {readiness && readiness.status !== 'ready' && (
        <Typography data-testid="readiness" color="error">
          {translate('crc.status.unavailable')}
        </Typography>
      )}
      {model.viewer.role === 'LEADER' && <KeyMetrics viewer={model.viewer} />}
      {model.viewer.role === 'HANDLER' && (
        <Suspense fallback={null}>
          <HandlerTasks />
        </Suspense>
      )}
      {(isAdministrator(model.viewer) || model.viewer.role === 'CLERK') && <TodoList />}
      {model.viewer.role !== 'LEADER' && <RecordCounts />}
    </Box>
  );
};

/** How many records of each kind the user reads, each a link to its list. */
const RecordCounts = () => {
  const translate = useTranslate();
  const model = useModel();
  const createPath = useCreatePath();
  const counts = useCounts();
  return (
    <>
      <Typography variant="h6" component="h2" sx={{ mt: 2, mb: 1 }}>
        {translate('crc.home.counts')}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 1.5 }} data-testid="counts">
        {model.entities
          .filter((entity) => counts && entity.name in counts)
          .map((entity) => (
            <Card key={entity.name} variant="outlined">
              <CardActionArea component={LinkBase} to={createPath({ resource: entity.name, type: 'list' })}>
                <CardContent sx={{ py: 1.5 }}>
                  <Typography variant="body2" color="text.secondary">
                    {translate(`resources.${entity.name}.name`)}
                  </Typography>
                  <Typography variant="h5" component="p" data-testid={`count-${entity.name}`}>
                    {counts?.[entity.name]?.toLocaleString('en-US')}
                  </Typography>
                </CardContent>
              </CardActionArea>
            </Card>
          ))}
      </Box>
    </>
  );
};
