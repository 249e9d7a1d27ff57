/** The menu: the home page, the comparison page, then the entities grouped by area, with zh/en labels and icons from metadata. */
import { Fragment } from 'react';
import { ListSubheader } from '@mui/material';
import InsightsIcon from '@mui/icons-material/Insights';
import { Menu, useSidebarState, useTranslate } from 'react-admin';
import { useModel } from '../metadata/ModelContext';

export const ConsoleMenu = () => {
  const model = useModel();
  const translate = useTranslate();
  const [open] = useSidebarState();
  return (
    <Menu>
      <Menu.DashboardItem />
      <Menu.Item to="/analysis" primaryText={translate('crc.analysis.menu')} leftIcon={<InsightsIcon />} data-testid="menu-analysis" />
      {model.areas.map((area) => {
        const entities = model.entities.filter((entity) => entity.area === area.key && entity.operations.includes('list'));
        if (entities.length === 0) return null;
        return (
          <Fragment key={area.key}>
            {open && (
              <ListSubheader disableSticky sx={{ lineHeight: '32px', mt: 1, bgcolor: 'transparent' }} data-testid={`menu-area-${area.key}`}>
                {translate(`crc.areas.${area.key}`)}
              </ListSubheader>
            )}
            {entities.map((entity) => (
              <Menu.ResourceItem key={entity.name} name={entity.name} />
            ))}
          </Fragment>
        );
      })}
    </Menu>
  );
};
