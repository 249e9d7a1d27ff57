/**
 * 重设密码 on an account's page: a new password, checked in the browser by the shared policy, sent with
 * the version shown (`reset<Entity>Password`). The server's refusal of the password lands on its input;
 * a change made meanwhile (CONFLICT) is reported and the page refreshed.
 */
import { useState } from 'react';
import KeyIcon from '@mui/icons-material/Key';
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { Button, Form, SaveButton, useNotify, useRecordContext, useRefresh, useTranslate, type HttpError } from 'react-admin';
import { isConflict } from '../dataProvider/errors';
import { useGraphQL } from '../dataProvider/useGraphQL';
import { useModel } from '../metadata/ModelContext';
import { recordTitle } from '../metadata/model';
import type { EntityMeta } from '../metadata/types';
import { resetPasswordMutation } from './accountEntity';
import { PasswordInputs } from './PasswordInputs';

/** The form starts empty, not with the account's values (the record in context). */
const blank = {};

export const ResetPasswordButton = ({ entity }: { entity: EntityMeta }) => {
  const record = useRecordContext();
  const model = useModel();
  const graphql = useGraphQL();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  if (!record) return null;
  const mutation = resetPasswordMutation(entity);
  const done = () => {
    setOpen(false);
    refresh();
  };
  const submit = async (values: Record<string, unknown>) => {
    try {
      await graphql(`mutation ${mutation}($id: ID!, $version: Int!, $password: String!) { ${mutation}(id: $id, version: $version, password: $password) { id version } }`, {
        id: String(record.id),
        version: record.version,
        password: values.password,
      });
      notify('crc.users.resetDone', { type: 'info' });
      done();
    } catch (error) {
      if (isConflict(error)) {
        notify('crc.users.conflict', { type: 'warning', autoHideDuration: 10_000 });
        return done();
      }
      // Errors on the password go back to the form, which shows them under its input.
      const onFields = (error as HttpError).body?.errors;
      if (onFields) return onFields;
      notify((error as Error).message || 'ra.notification.http_error', { type: 'error' });
    }
  };
  return (
    <>
      <Button label="crc.users.reset" onClick={() => setOpen(true)}>
        <KeyIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="xs" fullWidth aria-labelledby="reset-password-title" data-testid="reset-password">
        <Form record={blank} onSubmit={submit}>
          <DialogTitle id="reset-password-title">{translate('crc.users.resetTitle', { name: recordTitle(model, entity.name, record) })}</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>{translate('crc.users.resetContent')}</DialogContentText>
            <PasswordInputs username={String(record.username ?? '')} label="crc.users.newPassword" />
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <SaveButton label="crc.users.reset" icon={<KeyIcon />} />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
