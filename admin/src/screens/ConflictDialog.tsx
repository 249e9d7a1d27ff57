/**
 * Shown when saving or deleting meets a CONFLICT: someone saved the record after it was opened. Lists what
 * changed meanwhile; the user reloads (dropping their edits) or goes ahead against the new version.
 */
import { useEffect, useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useDataProvider, useTranslate, type RaRecord } from 'react-admin';
import { useLanguage } from '../fields/useLanguage';
import { useModel } from '../metadata/ModelContext';
import type { EntityMeta, FieldMeta } from '../metadata/types';
import { conflictChanges } from './conflictChanges';

export type ConflictState = { loaded: RaRecord; data: Record<string, unknown> };

type Props = {
  entity: EntityMeta;
  conflict: ConflictState;
  onReload: () => void;
  onOverwrite: (current: RaRecord) => void;
  /** Button labels: a save offers to save anyway, a delete to delete anyway. */
  reloadLabel?: string;
  overwriteLabel?: string;
  /** The fields compared (default: the edit form's). */
  fields?: readonly FieldMeta[];
  /** Whether going ahead still makes sense against the current record (default: always). */
  canOverwrite?: (current: RaRecord) => boolean;
};

export const ConflictDialog = ({ entity, conflict, onReload, onOverwrite, reloadLabel = 'crc.conflict.reload', overwriteLabel = 'crc.conflict.overwrite', fields, canOverwrite }: Props) => {
  const model = useModel();
  const translate = useTranslate();
  const language = useLanguage();
  const dataProvider = useDataProvider();
  const [current, setCurrent] = useState<RaRecord>();
  useEffect(() => {
    dataProvider.getOne(entity.name, { id: conflict.loaded.id }).then(
      ({ data }) => setCurrent(data),
      () => undefined,
    );
  }, [dataProvider, entity.name, conflict.loaded.id]);
  const changes = current ? conflictChanges(model, entity, conflict.loaded, current, language, translate, fields) : [];
  return (
    // Stops clicks here from reaching a clickable row behind (embedded lists open the row on click).
    <Dialog open maxWidth="md" fullWidth aria-labelledby="conflict-title" data-testid="conflict-dialog" onClick={(event) => event.stopPropagation()}>
      <DialogTitle id="conflict-title">{translate('crc.conflict.title')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('crc.conflict.intro', { version: current?.version ?? '…' })}
        </Typography>
        {current && changes.length === 0 && <Typography variant="body2">{translate('crc.conflict.none')}</Typography>}
        {changes.length > 0 && (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('crc.conflict.field')}</TableCell>
                <TableCell>{translate('crc.conflict.loaded')}</TableCell>
                <TableCell>{translate('crc.conflict.current')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {changes.map((change) => (
                <TableRow key={change.field}>
                  <TableCell>{change.label}</TableCell>
                  <TableCell>{change.loaded}</TableCell>
                  <TableCell>{change.current}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onReload}>{translate(reloadLabel)}</Button>
        <Button variant="contained" color="warning" disabled={!current || (canOverwrite && !canOverwrite(current))} onClick={() => current && onOverwrite(current)}>
          {translate(overwriteLabel)}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
