/**
 * 还原到此版本: after a confirmation, brings the record in context back to its state right after `entry`
 * (`revertRecord`, sent with the version shown, so a change made meanwhile is refused with CONFLICT and
 * reported rather than overwritten). The page then refreshes the record, and with it the history.
 */
import { useState } from 'react';
import RestoreIcon from '@mui/icons-material/History';
import { Button, Confirm, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { isConflict } from '../dataProvider/errors';
import { useGraphQL } from '../dataProvider/useGraphQL';
import { formatDateTime } from '../fields/format';
import { useLanguage } from '../fields/useLanguage';
import { operationLabel } from './operations';
import type { AuditEntry } from './types';

const revertMutation = `mutation revertRecord($entity: String!, $id: ID!, $version: Int!, $entryId: ID!) {
  revertRecord(entity: $entity, id: $id, version: $version, entryId: $entryId) { id version } }`;

export const RevertButton = ({ entity, entry }: { entity: string; entry: AuditEntry }) => {
  const record = useRecordContext();
  const graphql = useGraphQL();
  const translate = useTranslate();
  const language = useLanguage();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  if (!record) return null;
  const revert = async () => {
    setPending(true);
    try {
      await graphql(revertMutation, { entity, id: String(record.id), version: record.version, entryId: entry.id });
      notify('crc.history.reverted', { type: 'info' });
    } catch (error) {
      notify(isConflict(error) ? 'crc.history.conflict' : (error as Error).message || 'ra.notification.http_error', {
        type: isConflict(error) ? 'warning' : 'error',
        autoHideDuration: 10_000,
      });
    } finally {
      setPending(false);
      setOpen(false);
      refresh();
    }
  };
  return (
    <>
      <Button label="crc.history.revert" onClick={() => setOpen(true)}>
        <RestoreIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={pending}
        title="crc.history.revertTitle"
        content="crc.history.revertContent"
        contentTranslateOptions={{ at: formatDateTime(entry.at, language), operation: translate(operationLabel(entry.operation), { _: entry.operation }) }}
        confirm="crc.history.revert"
        confirmColor="warning"
        onConfirm={() => void revert()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
