/**
 * Where GraphiQL keeps its tabs and query history: localStorage, under the signed-in user's id. GraphiQL's
 * default keys are shared by everyone at the browser, so the next person to sign in would find the
 * previous one's queries; under the user's id each finds their own, and finds them again next time.
 * `defaults` answers for keys never written: GraphiQL reads some of its settings only from storage.
 */
import type { ComponentProps } from 'react';
import type { GraphiQLProvider } from '@graphiql/react';

type Storage = NonNullable<ComponentProps<typeof GraphiQLProvider>['storage']>;

export function userStorage(userId: string, defaults: Record<string, string> = {}): Storage {
  const prefix = `crc.workbench.${userId}.`;
  const keys = () => Object.keys(localStorage).filter((key) => key.startsWith(prefix));
  return {
    getItem: (key) => localStorage.getItem(prefix + key) ?? defaults[key] ?? null,
    setItem: (key, value) => localStorage.setItem(prefix + key, value),
    removeItem: (key) => localStorage.removeItem(prefix + key),
    clear: () => keys().forEach((key) => localStorage.removeItem(key)),
    get length() {
      return keys().length;
    },
  };
}
