/**
 * The menu: the home page, the comparison page and the workbench (every signed-in user), then the entities
 * grouped by area, with zh/en labels and icons from metadata; administrators find the audit log at the end
 * of the system area.
 */
import { Fragment, type ReactElement } from 'react';
import { ListSubheader } from '@mui/material';
import DataObjectIcon from '@mui/icons-material/DataObject';
import InsightsIcon from '@mui/icons-material/Insights';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { Menu, useSidebarState, useTranslate } from 'react-admin';
import { auditLogResource } from '../audit/auditLogProvider';
import { isAdministrator } from '../auth/isAdministrator';
import { useModel } from '../metadata/ModelContext';

/** Entries of the console's own screens, by the area they belong to. */
function useOwnEntries(): Record<string, ReactElement[]> {
  const model = useModel();
  const translate = useTranslate();
  if (!isAdministrator(model.viewer)) return {};
  return {
    system: [<Menu.Item key="audit" to={`/${auditLogResource}`} primaryText={translate('crc.audit.title')} leftIcon={<ReceiptLongIcon />} data-testid="menu-audit" />],
  };
}

export const ConsoleMenu = () => {
  const model = useModel();
  const translate = useTranslate();
  const [open] = useSidebarState();
  const own = useOwnEntries();
  return (
    <Menu>
      <Menu.DashboardItem />
      <Menu.Item to="/analysis" primaryText={translate('crc.analysis.menu')} leftIcon={<InsightsIcon />} data-testid="menu-analysis" />
      <Menu.Item to="/workbench" primaryText={translate('crc.workbench.menu')} leftIcon={<DataObjectIcon />} data-testid="menu-workbench" />
      {model.areas.map((area) => {
        const entities = model.entities.filter((entity) => entity.area === area.key && entity.operations.includes('list'));
        const entries = own[area.key] ?? [];
        if (entities.length === 0 && entries.length === 0) return null;
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
            {entries}
          </Fragment>
        );
      })}
    </Menu>
  );
};
