/** Who runs the workbench's queries, with their role — and, for analysts, that anything but reading is refused. */
import { Alert, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { roleLabel } from '../audit/roleLabel';
import { useLanguage } from '../fields/useLanguage';
import type { Viewer } from '../metadata/types';

export const SignedInAs = ({ viewer }: { viewer: Viewer }) => {
  const translate = useTranslate();
  const language = useLanguage();
  return (
    <Typography variant="body2" color="text.secondary" noWrap data-testid="workbench-user">
      {translate('crc.workbench.signedInAs', { name: viewer.displayName, role: roleLabel(viewer.role, language) })}
    </Typography>
  );
};

/** Shown to analysts only: the server refuses their mutations, and the workbench says so before they try. */
export const ReadOnlyNote = ({ viewer }: { viewer: Viewer }) => {
  const translate = useTranslate();
  if (viewer.role !== 'ANALYST') return null;
  return (
    <Alert severity="info" sx={{ py: 0, mb: 1 }} data-testid="read-only-note">
      {translate('crc.workbench.readOnly')}
    </Alert>
  );
};
