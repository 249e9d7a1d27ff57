/** Switches a list between live records and the deleted ones (soft delete keeps them for restoring). */
import { useListContext, useTranslate } from 'react-admin';
import { FormControlLabel, Switch } from '@mui/material';

export const DeletedToggle = () => {
  const { filterValues, displayedFilters, setFilters } = useListContext();
  const translate = useTranslate();
  const deleted = Boolean(filterValues.deleted);
  const toggle = () => {
    const { deleted: _previous, ...rest } = filterValues;
    setFilters(deleted ? rest : { ...rest, deleted: true }, displayedFilters, false);
  };
  return (
    <FormControlLabel
      control={<Switch size="small" checked={deleted} onChange={toggle} slotProps={{ input: { 'aria-label': translate('crc.deleted.view') } }} />}
      label={translate('crc.deleted.view')}
      sx={{ mr: 1, '& .MuiFormControlLabel-label': { fontSize: 14 } }}
    />
  );
};
