/** Makes the loaded model available to every generated screen. */
import { createContext, useContext, type ReactNode } from 'react';
import type { Model } from './model';

const ModelContext = createContext<Model | null>(null);

export const ModelProvider = ({ model, children }: { model: Model; children: ReactNode }) => <ModelContext.Provider value={model}>{children}</ModelContext.Provider>;

/** The model the console was started with; throws outside the provider (a wiring bug). */
export function useModel(): Model {
  const model = useContext(ModelContext);
  if (!model) throw new Error('useModel outside ModelProvider');
  return model;
}
