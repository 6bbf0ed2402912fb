/**
 * How task-pane components reach the workbook: a React context holding one Workbook (Excel or headless).
 * Components call useWorkbook(); they never touch `Excel` or HyperFormula.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Workbook } from '../workbook/workbook';

const WorkbookContext = createContext<Workbook | null>(null);

/** Props of {@link WorkbookProvider}. */
export interface WorkbookProviderProps {
  /** The workbook every tab reads and writes. */
  workbook: Workbook;
  children: ReactNode;
}

export function WorkbookProvider({ workbook, children }: WorkbookProviderProps) {
  return <WorkbookContext.Provider value={workbook}>{children}</WorkbookContext.Provider>;
}

/** The workbook of the surrounding WorkbookProvider; throws when there is none (a wiring bug, not a user error). */
export function useWorkbook(): Workbook {
  const wb = useContext(WorkbookContext);
  if (!wb) throw new Error('useWorkbook() needs a <WorkbookProvider workbook={...}> above it');
  return wb;
}
