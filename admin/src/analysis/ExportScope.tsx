/**
 * The comparison a chart belongs to, for its downloads' names ("排名表-平凉市-县级-2022至2024.csv"): set once by
 * the analysis page, read by every chart card under it.
 */
import { createContext, useContext } from 'react';

export const ExportScope = createContext<string>('');

export const useExportScope = () => useContext(ExportScope);
