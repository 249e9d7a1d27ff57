/**
 * 导入 on a list: the entity's template, a file chosen, a dry run that lists every refused row and cell (and
 * lets the user say which field an unrecognised column is), then the commit of the same file — all or nothing,
 * or the valid rows only, by the user's explicit choice. Both run on the server as jobs: a progress bar counts
 * the rows read and checked or written, a reload finds a running job again (ImportButton), and it can be
 * cancelled, nothing saved.
 */
import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { useLanguage } from '../fields/useLanguage';
import { acceptLanguageOf } from '../i18n/i18nProvider';
import { labelOf, sourceOf } from '../metadata/model';
import { useModel } from '../metadata/ModelContext';
import { useGraphQL } from '../dataProvider/useGraphQL';
import type { EntityMeta } from '../metadata/types';
import { cancelImport, commitImport, downloadErrorReport, downloadTemplate, followImport, startImport, type ImportJob, type ImportMode } from './importApi';

/** Refused rows shown in the dialog; the rest are counted. */
const shownIssues = 200;

/** The fields a column may fill: what the user writes (a reference by its `…Id` input key). */
const targetsOf = (entity: EntityMeta) => entity.fields.filter((field) => !field.readOnly && field.kind !== 'referenceList' && field.kind !== 'json').map((field) => ({ key: sourceOf(field), field }));

/** How far a running job is: a determinate bar once the file's rows are known, and the counts in words. */
const ImportProgress = ({ job, onCancel }: { job: ImportJob; onCancel: () => void }) => {
  const translate = useTranslate();
  const value = job.total ? Math.min(100, (100 * job.done) / Math.max(job.total, 1)) : undefined;
  return (
    <Box sx={{ mb: 2 }} data-testid="import-progress">
      <LinearProgress variant={value === undefined ? 'indeterminate' : 'determinate'} value={value} />
      <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }} data-testid="import-progress-text">
          {translate(job.mode === 'dry-run' ? 'crc.import.progressChecking' : 'crc.import.progressWriting', { read: job.read, done: job.done, total: job.total ?? '?' })}
        </Typography>
        <Button size="small" onClick={onCancel} data-testid="import-cancel">
          {translate('crc.import.cancel')}
        </Button>
      </Stack>
    </Box>
  );
};

export const ImportDialog = ({ entity, resume, onClose }: { entity: EntityMeta; resume?: ImportJob; onClose: () => void }) => {
  const translate = useTranslate();
  const language = useLanguage();
  const notify = useNotify();
  const refresh = useRefresh();
  const [file, setFile] = useState<File>();
  // The job on screen: running (its progress), or ended (its report); `checked` is the dry run a commit saves.
  const [job, setJob] = useState<ImportJob>();
  const [checked, setChecked] = useState<ImportJob>();
  const report = job?.report ?? checked?.report ?? undefined;
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<ImportMode>();
  // Polling stops when the dialog closes (the job itself runs on).
  const closed = useRef(new AbortController());
  useEffect(() => () => closed.current.abort(), []);
  const [failure, setFailure] = useState<string>();
  const [undone, setUndone] = useState(false);
  const [upsert, setUpsert] = useState(false);
  // The natural keys a row may name an existing record by (a region's code, a person's ID number).
  const keys = entity.fields.filter((field) => entity.naturalKeys.includes(field.name));
  const model = useModel();
  const graphql = useGraphQL();
  const label = labelOf(entity, language);
  const committed = job?.report?.committed ? job.report : undefined;
  // An administrator may take the whole batch back at once (undoImport: restorable deletes, audited).
  const undo = async () => {
    if (!committed?.batch) return;
    try {
      const { undoImport } = await graphql<{ undoImport: number }>(
        `
          mutation ($batch: String!) {
            undoImport(batch: $batch)
          }
        `,
        { batch: committed.batch },
      );
      setUndone(true);
      notify(translate('crc.import.undone', { count: undoImport }), { type: 'info' });
      refresh();
    } catch (error) {
      setFailure((error as Error).message);
    }
  };

  /** Follows a started job to its end: its report on screen, or why it failed or was cancelled. */
  const follow = async (started: Promise<ImportJob>, mode: ImportMode) => {
    setPending(mode);
    setFailure(undefined);
    try {
      const ended = await followImport(await started, acceptLanguageOf[language], setJob, closed.current.signal);
      if (ended.state === 'running') return;
      if (ended.state !== 'done' || !ended.report) return setFailure(ended.error ? message(ended.error) : ended.state);
      if (ended.mode === 'dry-run') setChecked(ended);
      if (ended.report.committed) {
        notify(translate('crc.import.done', { count: ended.report.created, entity: label }), { type: 'success' });
        refresh();
      }
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setPending(undefined);
    }
  };
  // A job found running when the page (re)loaded: followed from where it is.
  useEffect(() => {
    if (resume) void follow(Promise.resolve(resume), resume.mode);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resume]);
  const run = (mode: ImportMode, chosen = file, corrections = mapping, updating = upsert) => {
    if (mode === 'dry-run') {
      if (!chosen) return;
      setChecked(undefined);
      return follow(startImport(entity.name, chosen, mode, corrections, updating, acceptLanguageOf[language]), mode);
    }
    if (checked) return follow(commitImport(checked.id, mode, acceptLanguageOf[language]), mode);
  };
  const cancel = async () => {
    if (!job) return;
    try {
      setJob(await cancelImport(job.id, acceptLanguageOf[language]));
    } catch (error) {
      setFailure((error as Error).message);
    }
  };
  const template = () =>
    downloadTemplate(entity.name, acceptLanguageOf[language], `${translate('crc.import.templateName', { entity: label })}.xlsx`).catch((error: Error) => setFailure(error.message));
  const choose = (chosen: File | undefined) => {
    setFile(chosen);
    setJob(undefined);
    setChecked(undefined);
    setMapping({});
    if (chosen) void run('dry-run', chosen, {});
  };
  const correct = (header: string, key: string) => {
    const next = { ...mapping, [header]: key };
    setMapping(next);
    void run('dry-run', file, next);
  };
  const mappable = [...(report?.unmatched ?? []), ...Object.keys(mapping).filter((header) => !report?.unmatched.includes(header))];
  const message = (issue: { zh: string; en: string }) => (language === 'en' ? issue.en : issue.zh);
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth data-testid="import-dialog">
      <DialogTitle>{translate('crc.import.title', { entity: label })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('crc.import.intro')}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2 }}>
          <Button variant="outlined" onClick={template} data-testid="import-template">
            {translate('crc.import.template')}
          </Button>
          <Button variant="contained" component="label" startIcon={<UploadFileIcon />} disabled={Boolean(pending)}>
            {translate('crc.import.choose')}
            <input hidden type="file" accept=".xlsx,.csv,text/csv" data-testid="import-file" onChange={(event) => choose(event.target.files?.[0] ?? undefined)} />
          </Button>
          {file && <Typography variant="body2">{file.name}</Typography>}
        </Stack>
        {keys.length > 0 && (
          <FormControlLabel
            sx={{ mb: 1 }}
            control={
              <Checkbox
                checked={upsert}
                onChange={(event) => {
                  setUpsert(event.target.checked);
                  if (file) void run('dry-run', file, mapping, event.target.checked);
                }}
                data-testid="import-upsert"
              />
            }
            label={translate('crc.import.upsert', { keys: keys.map((field) => labelOf(field, language)).join(translate('crc.import.or')) })}
          />
        )}
        {pending && job?.state === 'running' && <ImportProgress job={job} onCancel={cancel} />}
        {pending && job?.state !== 'running' && <LinearProgress sx={{ mb: 2 }} />}
        {failure && (
          <Alert severity="error" sx={{ mb: 2 }} data-testid="import-failure">
            {failure}
          </Alert>
        )}
        {committed && (
          <Alert severity={undone ? 'info' : 'success'} sx={{ mb: 2 }} data-testid="import-committed">
            {translate(undone ? 'crc.import.undone' : 'crc.import.done', { count: committed.created, entity: label })}
          </Alert>
        )}
        {report && !committed && (
          <Box data-testid="import-report">
            <Stack direction="row" spacing={1} sx={{ mb: 2, alignItems: 'center' }}>
              <Typography variant="body1">{translate('crc.import.rows', { count: report.rows })}</Typography>
              <Chip color="success" label={translate('crc.import.valid', { count: report.created })} data-testid="import-valid" />
              {(report.updated > 0 || report.unchanged > 0) && <Chip color="info" label={translate('crc.import.updated', { count: report.updated })} data-testid="import-updated" />}
              {report.unchanged > 0 && <Chip label={translate('crc.import.unchanged', { count: report.unchanged })} data-testid="import-unchanged" />}
              <Chip color={report.refused ? 'error' : 'default'} label={translate('crc.import.refused', { count: report.refused })} data-testid="import-refused" />
            </Stack>
            {mappable.length > 0 && (
              <Box sx={{ mb: 2 }}>
                <Typography variant="subtitle2">{translate('crc.import.unmatched')}</Typography>
                <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mt: 1 }}>
                  {mappable.map((header) => (
                    <TextField
                      key={header}
                      select
                      size="small"
                      label={header}
                      value={mapping[header] ?? ''}
                      onChange={(event) => correct(header, event.target.value)}
                      sx={{ minWidth: 200 }}
                      data-testid={`import-map-${header}`}
                    >
                      <MenuItem value="">{translate('crc.import.skip')}</MenuItem>
                      {targetsOf(entity).map(({ key, field }) => (
                        <MenuItem key={key} value={key}>
                          {labelOf(field, language)}
                        </MenuItem>
                      ))}
                    </TextField>
                  ))}
                </Stack>
              </Box>
            )}
            {report.issues.length > 0 && (
              <Table size="small" data-testid="import-issues">
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('crc.import.row')}</TableCell>
                    <TableCell>{translate('crc.import.column')}</TableCell>
                    <TableCell>{translate('crc.import.problem')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {report.issues.slice(0, shownIssues).map((issue, index) => (
                    <TableRow key={index}>
                      <TableCell>{issue.row ?? '—'}</TableCell>
                      <TableCell>{issue.column ?? '—'}</TableCell>
                      <TableCell>{message(issue)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            {checked?.fileKept && report.issues.length > 0 && (
              <Button
                size="small"
                sx={{ mt: 1 }}
                onClick={() =>
                  downloadErrorReport(checked.id, acceptLanguageOf[language], `${translate('crc.import.reportName', { entity: label })}.xlsx`).catch((error: Error) => setFailure(error.message))
                }
                data-testid="import-error-report"
              >
                {translate('crc.import.errorReport')}
              </Button>
            )}
            {report.issues.length > shownIssues && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                {translate('crc.import.more', { count: report.issues.length - shownIssues })}
              </Typography>
            )}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        {committed ? (
          <>
            {committed.batch && model.viewer.role === 'ADMIN' && !undone && (
              <Button color="warning" onClick={undo} data-testid="import-undo">
                {translate('crc.import.undo')}
              </Button>
            )}
            <Button variant="contained" onClick={onClose} data-testid="import-close">
              {translate('ra.action.close')}
            </Button>
          </>
        ) : (
          <>
            <Button onClick={onClose} data-testid="import-close-dialog">
              {translate(pending ? 'crc.import.background' : 'ra.action.cancel')}
            </Button>
            {checked && report && report.refused > 0 && report.created + report.updated > 0 && (
              <Button onClick={() => run('valid-only')} disabled={Boolean(pending)} data-testid="import-valid-only">
                {translate('crc.import.validOnly', { count: report.created + report.updated + report.unchanged })}
              </Button>
            )}
            <Button
              variant="contained"
              onClick={() => run('all')}
              disabled={!checked || !report || report.refused > 0 || report.created + report.updated === 0 || Boolean(pending)}
              data-testid="import-all"
            >
              {translate('crc.import.all', { count: report?.rows ?? 0 })}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
};
