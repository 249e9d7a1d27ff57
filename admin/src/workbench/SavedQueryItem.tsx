/**
 * One saved query in the panel: its name (opens it), description and marks (示例, 共享), and a menu with its
 * link and — for the user's own only, the server refusing anyone else — renaming and deleting.
 */
import { useState } from 'react';
import { Chip, IconButton, ListItem, ListItemButton, ListItemIcon, ListItemText, Menu, MenuItem, Stack } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/DriveFileRenameOutline';
import LinkIcon from '@mui/icons-material/Link';
import MoreIcon from '@mui/icons-material/MoreVert';
import { useTranslate } from 'react-admin';
import type { ListedQuery } from './savedQueries';

export type ItemAction = 'link' | 'edit' | 'delete';

const actionIcons = { link: LinkIcon, edit: EditIcon, delete: DeleteIcon };

type Props = { row: ListedQuery; selected: boolean; onOpen: () => void; onAction: (action: ItemAction) => void };

export const SavedQueryItem = ({ row, selected, onOpen, onAction }: Props) => {
  const translate = useTranslate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const actions: ItemAction[] = row.kind === 'mine' ? ['link', 'edit', 'delete'] : ['link'];
  const marks = [row.kind === 'example' && 'example', row.shared && row.kind !== 'example' && 'shared'].filter((mark): mark is string => Boolean(mark));
  return (
    <ListItem
      disablePadding
      data-testid="saved-query"
      data-name={row.name}
      data-kind={row.kind}
      secondaryAction={
        <IconButton edge="end" size="small" aria-label={translate('ra.action.open_menu')} onClick={(event) => setAnchor(event.currentTarget)} data-testid="saved-query-menu">
          <MoreIcon fontSize="small" />
        </IconButton>
      }
    >
      <ListItemButton selected={selected} onClick={onOpen} sx={{ pr: 5 }} data-testid="saved-query-open">
        <ListItemText
          primary={
            <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', minWidth: 0 }}>
              <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{row.name}</span>
              {marks.map((mark) => (
                <Chip key={mark} size="small" variant="outlined" color={mark === 'shared' ? 'primary' : 'default'} label={translate(`crc.workbench.saved.${mark}`)} sx={{ height: 18, fontSize: 11 }} />
              ))}
            </Stack>
          }
          secondary={row.description}
          slotProps={{ secondary: { noWrap: true, title: row.description ?? undefined } }}
        />
      </ListItemButton>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {actions.map((action) => {
          const Icon = actionIcons[action];
          return (
            <MenuItem
              key={action}
              dense
              onClick={() => {
                setAnchor(null);
                onAction(action);
              }}
              data-testid={`saved-query-${action}`}
            >
              <ListItemIcon>
                <Icon fontSize="small" />
              </ListItemIcon>
              {translate(`crc.workbench.actions.${action}`)}
            </MenuItem>
          );
        })}
      </Menu>
    </ListItem>
  );
};
