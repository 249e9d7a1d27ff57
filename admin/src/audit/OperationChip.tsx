/** An audit entry's operation as a small labelled chip, coloured by what it did to the record. */
import { Chip, type ChipProps } from '@mui/material';
import { useTranslate } from 'react-admin';
import { operationLabel } from './operations';

const colours: Record<string, ChipProps['color']> = {
  CREATE: 'success',
  IMPORT: 'success',
  UPDATE: 'primary',
  DELETE: 'error',
  PURGE: 'error',
  RESTORE: 'warning',
  REVERT: 'warning',
};

export const OperationChip = ({ operation }: { operation: string }) => {
  const translate = useTranslate();
  return <Chip size="small" variant="outlined" color={colours[operation] ?? 'default'} label={translate(operationLabel(operation), { _: operation })} />;
};
