/**
 * react-admin's store (list settings, saved queries, columns, the language) in localStorage, shared by the
 * signed-out and signed-in consoles. Signing out resets it, so the next user finds none of the previous
 * one's queries; only the language stays, a choice of whoever sits at the browser, not of an account.
 */
import { localStorageStore, type Store } from 'react-admin';

const store = localStorageStore();

export const consoleStore: Store = {
  ...store,
  reset() {
    const locale = store.getItem<string>('locale');
    store.reset();
    if (locale) store.setItem('locale', locale);
  },
};
