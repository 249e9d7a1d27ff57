/**
 * Saving what the editor holds as a new saved query, renaming and deleting one's own, and copying a link
 * (`#/workbench?query=ID`) that opens one for anyone who may see it — with the dialogs they ask through.
 * Every change reads the list again, whatever its outcome: a conflict means it changed meanwhile.
 */
import { useState, type ReactNode } from 'react';
import { Confirm, useNotify, useTranslate } from 'react-admin';
import { isConflict } from '../dataProvider/errors';
import { useGraphQL } from '../dataProvider/useGraphQL';
import { createSavedQuery, deleteSavedQuery, updateSavedQuery, type ListedQuery, type SavedQuery, type SavedQueryDetails } from './savedQueries';
import { SavedQueryDialog } from './SavedQueryDialog';
import type { ItemAction } from './SavedQueryItem';
import type { EditorRequest } from './useEditor';
import type { SavedQueries } from './useSavedQueries';

/** The address that opens a saved query in the workbench. */
const linkTo = (id: string) => `${window.location.origin}${window.location.pathname}#/workbench?query=${encodeURIComponent(id)}`;

type Options = { saved: SavedQueries; current: ListedQuery | undefined; request: EditorRequest; onSaved: (saved: SavedQuery) => void };

export type SavedQueryActions = {
  pending: boolean;
  /** Asks for a name, then saves the editor's query and variables. */
  save: () => void;
  act: (row: ListedQuery, action: ItemAction) => void;
  /** The dialogs, to render somewhere (they show over everything). */
  dialogs: ReactNode;
};

export function useSavedQueryActions({ saved, current, request, onSaved }: Options): SavedQueryActions {
  const translate = useTranslate();
  const notify = useNotify();
  const graphql = useGraphQL();
  /** The dialog: a new query (no row) or one of the user's own; null when closed. */
  const [editing, setEditing] = useState<{ row?: ListedQuery; initial: SavedQueryDetails } | null>(null);
  const [deleting, setDeleting] = useState<ListedQuery | null>(null);
  const [pending, setPending] = useState(false);

  const change = async (work: () => Promise<void>) => {
    setPending(true);
    try {
      await work();
    } catch (error) {
      // The server's own words (a FORBIDDEN says only the owner may change it), or that it changed meanwhile.
      notify(isConflict(error) ? 'crc.workbench.conflict' : (error as Error).message, { type: 'error' });
    } finally {
      setPending(false);
      saved.reload();
    }
  };
  const submit = (details: SavedQueryDetails) =>
    change(async () => {
      if (editing?.row) {
        await updateSavedQuery(graphql, editing.row, details);
        notify('crc.workbench.done.edited', { messageArgs: { name: details.name } });
      } else {
        const created = await createSavedQuery(graphql, details, request.query, request.variables ?? null);
        notify('crc.workbench.done.saved', { messageArgs: { name: created.name } });
        onSaved(created);
      }
      setEditing(null);
    });
  const remove = (row: ListedQuery) =>
    change(async () => {
      setDeleting(null);
      await deleteSavedQuery(graphql, row);
      notify('crc.workbench.done.deleted', { messageArgs: { name: row.name } });
    });
  const act = (row: ListedQuery, action: ItemAction) => {
    if (action === 'edit') setEditing({ row, initial: { name: row.name, description: row.description ?? '', shared: row.shared } });
    if (action === 'delete') setDeleting(row);
    if (action === 'link') {
      const link = linkTo(row.id);
      // The notice shows the link too: the browser may refuse the clipboard.
      navigator.clipboard?.writeText(link).catch(() => undefined);
      notify('crc.workbench.actions.linkCopied', { messageArgs: { link } });
    }
  };

  const dialogs = (
    <>
      <SavedQueryDialog
        initial={editing?.initial ?? null}
        title={translate(editing?.row ? 'crc.workbench.dialog.editTitle' : 'crc.workbench.dialog.saveTitle')}
        pending={pending}
        onSubmit={(details) => void submit(details)}
        onClose={() => setEditing(null)}
      />
      <Confirm
        isOpen={deleting !== null}
        title="crc.workbench.deleteTitle"
        titleTranslateOptions={{ name: deleting?.name ?? '' }}
        content="crc.workbench.deleteContent"
        onConfirm={() => deleting && void remove(deleting)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
  return { pending, save: () => setEditing({ initial: { name: current?.name ?? '', description: '', shared: false } }), act, dialogs };
}
