/**
 * 待办 on a secretariat's home page (administrators and clerks, within their region as everywhere): each
 * item of todo.ts with how many records it holds, a link to them as a filtered list; done items say so.
 */
import { useEffect, useState } from 'react';
import { Card, CardActionArea, CardContent, Chip, Stack, Typography } from '@mui/material';
import { LinkBase, useCreatePath, useTranslate } from 'react-admin';
import { inflection } from '../../../schema/shared/inflection';
import { todayInChina } from '../../../schema/shared/validators';
import { filterToWhere } from '../dataProvider/filters';
import { useGraphQL } from '../dataProvider/useGraphQL';
import { useModel } from '../metadata/ModelContext';
import { todoItems } from './todo';

export const TodoList = () => {
  const model = useModel();
  const graphql = useGraphQL();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const [counts, setCounts] = useState<Record<string, number>>();
  const today = todayInChina();
  const items = todoItems.filter((item) => model.find(item.entity)?.operations.includes('list'));
  useEffect(() => {
    if (items.length === 0) return;
    const selections = items.map((item, index) => `t${index}: ${inflection.list(model.entity(item.entity))}(where: $w${index}, limit: 0) { totalCount }`);
    const declarations = items.map((item, index) => `$w${index}: ${inflection.filter(model.entity(item.entity))}`);
    const variables = Object.fromEntries(items.map((item, index) => [`w${index}`, filterToWhere(model.entity(item.entity), item.filter(today))]));
    graphql<Record<string, { totalCount: number }>>(`query todo(${declarations.join(', ')}) { ${selections.join(' ')} }`, variables).then(
      (data) => setCounts(Object.fromEntries(items.map((item, index) => [item.key, data[`t${index}`].totalCount]))),
      () => setCounts({}),
    );
  }, [model, graphql, today]); // eslint-disable-line react-hooks/exhaustive-deps
  if (items.length === 0) return null;
  return (
    <>
      <Typography variant="h6" component="h2" sx={{ mt: 2, mb: 1 }}>
        {translate('crc.todo.title')}
      </Typography>
      <Stack spacing={1} data-testid="todo">
        {items.map((item) => {
          const count = counts?.[item.key];
          const to = `${createPath({ resource: item.entity, type: 'list' })}?${new URLSearchParams({ filter: JSON.stringify(item.filter(today)), page: '1' })}`;
          return (
            <Card key={item.key} variant="outlined" data-testid={`todo-${item.key}`}>
              <CardActionArea component={LinkBase} to={to} disabled={!count}>
                <CardContent sx={{ py: 1.25, display: 'flex', alignItems: 'center', gap: 1.5 }}>
                  <Chip size="small" color={count ? 'warning' : 'success'} label={count === undefined ? '…' : count.toLocaleString('en-US')} />
                  <Typography variant="body1">{translate(`crc.todo.${item.key}`)}</Typography>
                  {count === 0 && (
                    <Typography variant="body2" color="text.secondary">
                      {translate('crc.todo.none')}
                    </Typography>
                  )}
                </CardContent>
              </CardActionArea>
            </Card>
          );
        })}
      </Stack>
    </>
  );
};
