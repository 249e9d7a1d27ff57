/**
 * 导入 beside 新建 on the list of an entity whose records may come from a spreadsheet. An import of the user's
 * still running when the list opens (the page was reloaded, or the dialog closed) opens its dialog again, on
 * its progress.
 */
import { useEffect, useState } from 'react';
import UploadIcon from '@mui/icons-material/Upload';
import { Button } from 'react-admin';
import { useLanguage } from '../fields/useLanguage';
import { acceptLanguageOf } from '../i18n/i18nProvider';
import type { EntityMeta } from '../metadata/types';
import { ImportDialog } from './ImportDialog';
import { runningImport, type ImportJob } from './importApi';

export const ImportButton = ({ entity }: { entity: EntityMeta }) => {
  const language = useLanguage();
  const [open, setOpen] = useState(false);
  const [resume, setResume] = useState<ImportJob>();
  useEffect(() => {
    let current = true;
    runningImport(entity.name, acceptLanguageOf[language])
      .then((job) => {
        if (!current || !job) return;
        setResume(job);
        setOpen(true);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [entity.name, language]);
  return (
    <>
      <Button label="crc.import.button" onClick={() => setOpen(true)} data-testid="list-import">
        <UploadIcon />
      </Button>
      {open && (
        <ImportDialog
          entity={entity}
          resume={resume}
          onClose={() => {
            setOpen(false);
            setResume(undefined);
          }}
        />
      )}
    </>
  );
};
