/** The dashboards a user may open (their own and those shared with them), latest first, as links on their home. */
import { useEffect, useState } from 'react';
import { Chip, Link, Stack, Typography } from '@mui/material';
import { LinkBase, useTranslate } from 'react-admin';
import { useGraphQL } from '../dataProvider/useGraphQL';

type Dashboard = { id: string; name: string; kind: 'COMPARISON' | 'CHART'; shared: boolean };

const query = `{ dashboards(limit: 8, orderBy: [{ field: updatedAt, direction: DESC }]) { nodes { id name kind shared } } }`;

export const SavedDashboards = () => {
  const graphql = useGraphQL();
  const translate = useTranslate();
  const [dashboards, setDashboards] = useState<Dashboard[]>();
  useEffect(() => {
    graphql<{ dashboards: { nodes: Dashboard[] } }>(query).then(
      ({ dashboards }) => setDashboards(dashboards.nodes),
      () => setDashboards([]),
    );
  }, [graphql]);
  if (!dashboards?.length) return null;
  const to = (dashboard: Dashboard) => `/analysis?${new URLSearchParams(dashboard.kind === 'CHART' ? { view: 'chart', dashboard: dashboard.id } : { dashboard: dashboard.id })}`;
  return (
    <>
      <Typography variant="h6" component="h2" sx={{ mt: 2, mb: 1 }}>
        {translate('crc.home.dashboards')}
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="home-dashboards">
        {dashboards.map((dashboard) => (
          <Chip
            key={dashboard.id}
            component={LinkBase}
            to={to(dashboard)}
            clickable
            variant="outlined"
            label={dashboard.shared ? `${dashboard.name} · ${translate('crc.home.shared')}` : dashboard.name}
          />
        ))}
      </Stack>
      <Link component={LinkBase} to="/analysis" sx={{ display: 'inline-block', mt: 1 }}>
        {translate('crc.home.openAnalysis')}
      </Link>
    </>
  );
};
