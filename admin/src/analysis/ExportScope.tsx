/**
 * The comparison a chart belongs to, for its downloads' names ("排名表-平凉市-县级-2022至2024.csv"): set once by
 * the analysis page, read by every chart card under it. And the page's tables: each chart card under a
 * `DashboardTables` registers its title and data, so that the whole dashboard leaves as one workbook, a sheet
 * per chart, in the order the cards are on the page.
 */
import { createContext, useContext, useEffect, useId, useRef } from 'react';

export const ExportScope = createContext<string>('');

export const useExportScope = () => useContext(ExportScope);

export type DashboardTable = { title: string; table: () => { headers: string[]; rows: unknown[][] } };

/** The tables of the cards on the page, by card, in the order they were mounted. */
export class DashboardTableRegistry {
  private readonly tables = new Map<string, DashboardTable>();

  register(key: string, table: DashboardTable): () => void {
    this.tables.set(key, table);
    return () => void this.tables.delete(key);
  }

  /** Each card's table as it stands now, in page order (the cards' order in the document). */
  sheets(order: (keys: string[]) => string[] = (keys) => keys): { title: string; headers: string[]; rows: unknown[][] }[] {
    return order([...this.tables.keys()]).map((key) => {
      const { title, table } = this.tables.get(key)!;
      return { title, ...table() };
    });
  }
}

export const DashboardTables = createContext<DashboardTableRegistry | null>(null);

/** Registers a card's table with the page's registry while the card is mounted (the latest title and data). */
export function useDashboardTable(title: string, table: () => { headers: string[]; rows: unknown[][] }): string {
  const registry = useContext(DashboardTables);
  const key = useId();
  const latest = useRef<DashboardTable>({ title, table });
  latest.current = { title, table };
  useEffect(() => registry?.register(key, { title: latest.current.title, table: () => latest.current.table() }), [registry, key]);
  return key;
}
