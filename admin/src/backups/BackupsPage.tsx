/**
 * 备份与恢复 (`#/backups`), the super administrator's: the verdict on the latest backup and on the WAL archive
 * (red when something needs their hand: a failed backup, a failed verification, a failing archive), the latest
 * backup in detail, the backups kept, and where they lie. Read again every minute while open. What the page says
 * is backupStatus.ts's; restoring is the server's command line, never a button here.
 */
import { Alert, Box, Card, CardContent, LinearProgress, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { useGraphQLQuery } from '../dataProvider/useGraphQLQuery';
import { formatDateTime } from '../fields/format';
import { useLanguage } from '../fields/useLanguage';
import { archiveVerdict, backupStatusQuery, backupVerdict, formatBytes, type BackupStatus, type BackupSummary } from './backupStatus';
import { PageHeading } from '../layout/PageHeading';

export default function BackupsPage() {
  const status = useGraphQLQuery(['backupStatus'], async (graphql) => (await graphql<{ backups: BackupStatus }>(backupStatusQuery)).backups, true, { staleTime: 0, refetchInterval: 60_000 });
  return (
    <Box sx={{ mt: 2, minWidth: 0, maxWidth: 1100 }} data-testid="backups-page">
      <PageHeading page="backups" />
      {status.isPending && <LinearProgress />}
      {status.error && <Alert severity="error">{status.error.message}</Alert>}
      {status.data && <BackupStatusView status={status.data} />}
    </Box>
  );
}

const BackupStatusView = ({ status }: { status: BackupStatus }) => {
  const translate = useTranslate();
  const language = useLanguage();
  const when = (value: string | null) => formatDateTime(value, language);
  const backup = backupVerdict(status, new Date());
  const archive = archiveVerdict(status.archiving);
  return (
    <>
      <Alert severity={backup.severity} sx={{ mb: 1 }} data-testid="backups-verdict">
        {translate(`crc.backups.verdicts.${backup.key}`)}
      </Alert>
      {status.lastFailure && (
        <Alert severity="error" sx={{ mb: 1 }} data-testid="backups-failure">
          <strong>{translate('crc.backups.failure', { at: when(status.lastFailure.at) })}</strong>
          <Box component="pre" sx={{ whiteSpace: 'pre-wrap', m: 0, mt: 0.5, fontFamily: 'inherit' }}>
            {status.lastFailure.message}
          </Box>
        </Alert>
      )}
      {(status.embedded || status.archiving) && (
        <Alert severity={archive.severity} sx={{ mb: 2 }} data-testid="backups-archive">
          {translate(`crc.backups.verdicts.${archive.key}`)}
          {status.archiving?.lastArchivedWal && <div>{translate('crc.backups.lastArchived', { wal: status.archiving.lastArchivedWal, at: when(status.archiving.lastArchivedAt) })}</div>}
          {status.archiving?.lastFailedWal && (
            <div>{translate('crc.backups.lastFailedArchive', { wal: status.archiving.lastFailedWal, at: when(status.archiving.lastFailedAt), count: status.archiving.failedCount })}</div>
          )}
        </Alert>
      )}
      {status.lastBackup && <LatestBackup backup={status.lastBackup} />}
      {status.embedded && (
        <Card variant="outlined" sx={{ mb: 2 }}>
          <CardContent>
            <Facts
              rows={[
                [translate('crc.backups.dir'), status.dir ?? ''],
                [translate('crc.backups.free'), status.freeBytes === null ? '' : formatBytes(status.freeBytes)],
                [translate('crc.backups.walArchiveSize'), formatBytes(status.walArchiveBytes)],
                [translate('crc.backups.recoverableFrom'), when(status.recoverableFrom)],
              ]}
            />
          </CardContent>
        </Card>
      )}
      {status.backups.length > 0 && (
        <>
          <Typography variant="h6" component="h2">
            {translate('crc.backups.all', { count: status.count, size: formatBytes(status.totalBytes) })}
          </Typography>
          <Table size="small" data-testid="backups-list">
            <TableHead>
              <TableRow>
                <TableCell>{translate('crc.backups.name')}</TableCell>
                <TableCell>{translate('crc.backups.at')}</TableCell>
                <TableCell align="right">{translate('crc.backups.size')}</TableCell>
                <TableCell>{translate('crc.backups.verification')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {status.backups.map((backup) => (
                <TableRow key={backup.name}>
                  <TableCell>{backup.name}</TableCell>
                  <TableCell>{when(backup.at)}</TableCell>
                  <TableCell align="right">{formatBytes(backup.sizeBytes)}</TableCell>
                  <TableCell>
                    <VerificationText backup={backup} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </>
  );
};

const LatestBackup = ({ backup }: { backup: BackupSummary }) => {
  const translate = useTranslate();
  const language = useLanguage();
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid="backups-latest">
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
          {translate('crc.backups.latest')}
        </Typography>
        <Facts
          rows={[
            [translate('crc.backups.name'), backup.name],
            [translate('crc.backups.at'), formatDateTime(backup.at, language)],
            [translate('crc.backups.size'), formatBytes(backup.sizeBytes)],
            [translate('crc.backups.verification'), <VerificationText key="verification" backup={backup} />],
            backup.kind === 'logical' ? [translate('crc.backups.kind'), translate('crc.backups.logical')] : [translate('crc.backups.wal'), `${backup.walFrom} … ${backup.walTo}`],
            ['PostgreSQL', translate('crc.backups.version', { version: backup.serverVersion, migration: backup.migration ?? '—' })],
          ]}
        />
        {backup.verified === false && (
          <Alert severity="error" sx={{ mt: 1 }} data-testid="backups-verification-problems">
            {backup.verificationProblems?.map((problem) => (
              <div key={problem}>{problem}</div>
            ))}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
};

const VerificationText = ({ backup }: { backup: BackupSummary }) => {
  const translate = useTranslate();
  const language = useLanguage();
  const at = formatDateTime(backup.verifiedAt, language);
  if (backup.verified === null)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('crc.backups.notVerified')}
      </Typography>
    );
  return (
    <Typography variant="body2" color={backup.verified ? 'success.main' : 'error.main'}>
      {translate(backup.verified ? 'crc.backups.verifiedAt' : 'crc.backups.verificationFailedAt', { at })}
    </Typography>
  );
};

const Facts = ({ rows }: { rows: [string, ReactNode][] }) => (
  <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}>
    {rows.map(([label, value]) => (
      <Box key={label} sx={{ display: 'contents' }}>
        <Typography component="dt" variant="body2" color="text.secondary">
          {label}
        </Typography>
        <Typography component="dd" variant="body2" sx={{ m: 0, wordBreak: 'break-all' }}>
          {value}
        </Typography>
      </Box>
    ))}
  </Box>
);
