/**
 * The suggestions' menu entry with the deadline badge (issue 21): for a handling unit's staff and the
 * secretariat, how many handlings within their reach are due within seven days or overdue — one count from
 * the server, re-read every five minutes and when the window regains focus; the entry is the plain one for everyone else.
 */
import { createElement } from 'react';
import { Badge, Tooltip } from '@mui/material';
import { Menu, useCreatePath, useGetResourceLabel, useResourceDefinition, useTranslate } from 'react-admin';
import { todayInChina } from '../../../schema/shared/validators';
import { useGraphQLQuery } from '../dataProvider/useGraphQLQuery';
import { useModel } from '../metadata/ModelContext';
import type { Viewer } from '../metadata/types';
import { deadlineBadgeQuery, deadlineBadgeVariables } from './handlerTasks';

/** The entity whose menu entry carries the badge. */
export const badgedEntity = 'Suggestion';

/** How often the badge is read again while the console is open (and whenever its window regains focus). */
const badgeRefreshMs = 5 * 60_000;

/** Those who answer for deadlines: the units' staff and the secretariat. */
export const seesDeadlineBadge = (viewer: Viewer) => ['HANDLER', 'ADMIN', 'CLERK'].includes(viewer.role);

export const DeadlineMenuItem = () => {
  const model = useModel();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const getResourceLabel = useGetResourceLabel();
  const definition = useResourceDefinition({ resource: badgedEntity });
  const today = todayInChina();
  const handling = model.entity('SuggestionHandling');
  const badge = useGraphQLQuery(
    ['deadlineBadge', today],
    async (graphql) => {
      const data = await graphql<Record<string, { totalCount: number }>>(deadlineBadgeQuery(handling), deadlineBadgeVariables(today));
      return Object.values(data)[0].totalCount;
    },
    true,
    { staleTime: 0, refetchInterval: badgeRefreshMs, refetchOnWindowFocus: true },
  );
  const count = badge.data ?? 0;
  const icon = definition.icon ? createElement(definition.icon) : null;
  return (
    <Menu.Item
      to={createPath({ resource: badgedEntity, type: 'list' })}
      primaryText={getResourceLabel(badgedEntity, 2)}
      leftIcon={
        <Tooltip title={count ? translate('crc.tasks.badge', { count }) : ''}>
          <Badge badgeContent={count} color="error" max={999} data-testid="deadline-badge" data-count={badge.data ?? ''}>
            {icon ?? <span />}
          </Badge>
        </Tooltip>
      }
    />
  );
};
