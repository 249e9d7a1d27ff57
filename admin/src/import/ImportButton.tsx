/** 导入 beside 新建 on the list of an entity whose records may come from a spreadsheet. */
import { useState } from 'react';
import UploadIcon from '@mui/icons-material/Upload';
import { Button } from 'react-admin';
import type { EntityMeta } from '../metadata/types';
import { ImportDialog } from './ImportDialog';

export const ImportButton = ({ entity }: { entity: EntityMeta }) => {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button label="crc.import.button" onClick={() => setOpen(true)} data-testid="list-import">
        <UploadIcon />
      </Button>
      {open && <ImportDialog entity={entity} onClose={() => setOpen(false)} />}
    </>
  );
};
