/**
 * A handling unit's home (issue 21): its tasks in four cards — newly assigned, due soon, overdue, returned —
 * each with the server's count and the soonest due, every line a link to the suggestion's page with its due
 * date and the days left or overdue (handlerTasks.ts).
 */
import { Alert, Box, Card, CardContent, Chip, LinearProgress, List, ListItemButton, ListItemText, Stack, Typography } from '@mui/material';
import { LinkBase, useCreatePath, useTranslate } from 'react-admin';
import { HandlerRole } from '../../../schema/shared/enums';
import type { HandlingTaskGroup } from '../../../schema/shared/handling-tasks';
import { todayInChina } from '../../../schema/shared/validators';
import { useGraphQLQuery } from '../dataProvider/useGraphQLQuery';
import { formatDate } from '../fields/format';
import { useLanguage } from '../fields/useLanguage';
import { useModel } from '../metadata/ModelContext';
import { handlerTasksQuery, handlerTasksVariables, taskGroups, type DueStanding, type HandlerTasksAnswer, type TaskGroup, type TaskRow } from './handlerTasks';

const groupColour: Record<HandlingTaskGroup, 'info' | 'warning' | 'error' | 'secondary'> = { assigned: 'info', dueSoon: 'warning', overdue: 'error', returned: 'secondary' };
const standingColour: Record<DueStanding['kind'], 'default' | 'warning' | 'error'> = { left: 'default', today: 'warning', overdue: 'error' };

export const HandlerTasks = () => {
  const model = useModel();
  const translate = useTranslate();
  const today = todayInChina();
  const handling = model.entity('SuggestionHandling');
  // Read anew whenever the home opens: a task answered on its page a moment ago is no longer listed.
  const tasks = useGraphQLQuery(['handlerTasks', today], async (graphql) => taskGroups(await graphql<HandlerTasksAnswer>(handlerTasksQuery(handling), handlerTasksVariables(today)), today), true, {
    staleTime: 0,
  });
  return (
    <>
      <Typography variant="h6" component="h2" sx={{ mt: 2, mb: 1 }}>
        {translate('crc.tasks.title')}
      </Typography>
      {tasks.isPending && <LinearProgress />}
      {tasks.error && <Alert severity="error">{tasks.error.message}</Alert>}
      {tasks.data && (
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))', gap: 1.5 }} data-testid="handler-tasks">
          {tasks.data.map((group) => (
            <TaskCard key={group.group} group={group} />
          ))}
        </Box>
      )}
    </>
  );
};

const TaskCard = ({ group }: { group: TaskGroup }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" data-testid={`tasks-${group.group}`}>
      <CardContent sx={{ pb: 1 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Chip size="small" color={group.count ? groupColour[group.group] : 'success'} label={group.count.toLocaleString('en-US')} data-testid={`tasks-${group.group}-count`} />
          <Typography variant="subtitle1" component="h3">
            {translate(`crc.tasks.groups.${group.group}`)}
          </Typography>
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {translate(`crc.tasks.hints.${group.group}`)}
        </Typography>
        {group.rows.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {translate('crc.tasks.none')}
          </Typography>
        ) : (
          <List dense disablePadding>
            {group.rows.map((row) => (
              <TaskLine key={row.handlingId} row={row} />
            ))}
          </List>
        )}
        {group.count > group.rows.length && (
          <Typography variant="caption" color="text.secondary">
            {translate('crc.tasks.more', { shown: group.rows.length, count: group.count })}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
};

const TaskLine = ({ row }: { row: TaskRow }) => {
  const translate = useTranslate();
  const language = useLanguage();
  const createPath = useCreatePath();
  const standing = row.standing;
  const due = row.dueOn ? translate('crc.tasks.due', { date: formatDate(row.dueOn, language) }) : '';
  return (
    <ListItemButton component={LinkBase} to={createPath({ resource: 'Suggestion', id: row.suggestionId, type: 'show' })} sx={{ px: 0.5 }} data-testid="task-line">
      <ListItemText primary={`${row.number} ${row.title}`} secondary={`${HandlerRole.label(row.role, language)} · ${due}`} slotProps={{ primary: { noWrap: true } }} />
      {standing && (
        <Chip
          size="small"
          variant="outlined"
          color={standingColour[standing.kind]}
          sx={{ ml: 1 }}
          label={standing.kind === 'today' ? translate('crc.tasks.today') : translate(`crc.tasks.${standing.kind}`, { smart_count: standing.days })}
          data-testid="task-standing"
        />
      )}
    </ListItemButton>
  );
};
