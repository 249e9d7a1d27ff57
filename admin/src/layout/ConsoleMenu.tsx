/**
 * The menu: the home page, then the entities grouped by area, with zh/en labels and icons from metadata —
 * the comparison page and the printable reports heading its area (with the saved dashboards), the workbench
 * heading its own (with the saved queries), the secretariat's board heading the suggestions' area, administrators' audit log (and the super administrator's backups) at the end of the system area. Link
 * tables (小组成员, 代表进站 …) are not listed: they are kept inside the pages of the records they join.
 */
import { Fragment, type ReactElement } from 'react';
import { ListSubheader } from '@mui/material';
import DataObjectIcon from '@mui/icons-material/DataObject';
import InsightsIcon from '@mui/icons-material/Insights';
import PrintIcon from '@mui/icons-material/Print';
import BackupIcon from '@mui/icons-material/Backup';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import ViewKanbanIcon from '@mui/icons-material/ViewKanban';
import { Menu, useSidebarState, useTranslate } from 'react-admin';
import { auditLogResource } from '../audit/auditLogProvider';
import { isAdministrator } from '../auth/isAdministrator';
import { useModel } from '../metadata/ModelContext';
import { badgedEntity, DeadlineMenuItem, seesDeadlineBadge } from '../tasks/DeadlineMenuItem';

/** Entries of the console's own screens, by the area they belong to. */
function useOwnEntries(): Record<string, { first: ReactElement[]; last: ReactElement[] }> {
  const model = useModel();
  const translate = useTranslate();
  const audit = isAdministrator(model.viewer)
    ? [<Menu.Item key="audit" to={`/${auditLogResource}`} primaryText={translate('crc.audit.title')} leftIcon={<ReceiptLongIcon />} data-testid="menu-audit" />]
    : [];
  // The backup page: for those the server lets read the backups' state (super administrators).
  const backups = model.viewer.capabilities.includes('readBackups')
    ? [<Menu.Item key="backups" to="/backups" primaryText={translate('crc.backups.menu')} leftIcon={<BackupIcon />} data-testid="menu-backups" />]
    : [];
  // The comparison page and the reports read the metrics: only for those the server lets compare.
  const comparing = model.viewer.capabilities.includes('compareMetrics');
  return {
    analysis: {
      first: comparing
        ? [
            <Menu.Item key="analysis" to="/analysis" primaryText={translate('crc.analysis.menu')} leftIcon={<InsightsIcon />} data-testid="menu-analysis" />,
            <Menu.Item key="reports" to="/reports" primaryText={translate('crc.reports.menu')} leftIcon={<PrintIcon />} data-testid="menu-reports" />,
          ]
        : [],
      last: [],
    },
    workbench: { first: [<Menu.Item key="workbench" to="/workbench" primaryText={translate('crc.workbench.menu')} leftIcon={<DataObjectIcon />} data-testid="menu-workbench" />], last: [] },
    // The board of suggestions by state: the secretariat's (administrators and clerks).
    suggestions: {
      first:
        isAdministrator(model.viewer) || model.viewer.role === 'CLERK'
          ? [<Menu.Item key="board" to="/board" primaryText={translate('crc.board.menu')} leftIcon={<ViewKanbanIcon />} data-testid="menu-board" />]
          : [],
      last: [],
    },
    system: { first: [], last: [...audit, ...backups] },
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
      {model.areas.map((area) => {
        const entities = model.entities.filter((entity) => entity.area === area.key && entity.inMenu && entity.operations.includes('list'));
        const { first = [], last = [] } = own[area.key] ?? {};
        if (entities.length === 0 && first.length === 0 && last.length === 0) return null;
        return (
          <Fragment key={area.key}>
            {open && (
              <ListSubheader disableSticky sx={{ lineHeight: '32px', mt: 1, bgcolor: 'transparent' }} data-testid={`menu-area-${area.key}`}>
                {translate(`crc.areas.${area.key}`)}
              </ListSubheader>
            )}
            {first}
            {entities.map((entity) =>
              entity.name === badgedEntity && seesDeadlineBadge(model.viewer) ? <DeadlineMenuItem key={entity.name} /> : <Menu.ResourceItem key={entity.name} name={entity.name} />,
            )}
            {last}
          </Fragment>
        );
      })}
    </Menu>
  );
};
