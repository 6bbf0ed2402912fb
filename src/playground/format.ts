/** How the playground grid shows a cell: Excel-like number, date, percent and error display. Pure. */
import { isCellError, type CellValue } from '../workbook/workbook';
import { excelSerialToIso } from './dates';

export interface CellDisplay {
  text: string;
  kind: 'empty' | 'number' | 'text' | 'boolean' | 'error';
  /** For errors: the SALESOPS message. */
  message?: string;
}

/** Display of a value, given the engine's inferred format ('NUMBER_DATE', 'NUMBER_PERCENT', ...). */
export function displayValue(v: CellValue, detailedType?: string): CellDisplay {
  if (v === null || v === '') return { text: '', kind: 'empty' };
  if (isCellError(v)) return { text: v.error, kind: 'error', message: v.message };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', kind: 'boolean' };
  if (typeof v === 'string') return { text: v, kind: 'text' };
  if (detailedType === 'NUMBER_DATE' || detailedType === 'NUMBER_DATETIME')
    return { text: excelSerialToIso(v), kind: 'number' };
  if (detailedType === 'NUMBER_PERCENT') return { text: `${trim(v * 100, 2)}%`, kind: 'number' };
  return { text: formatNumber(v), kind: 'number' };
}

function trim(n: number, decimals: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
}

/** 1234567.891 -> "1,234,567.89"; 0.632 -> "0.632"; whole numbers without decimals. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return trim(n, 0);
  return Math.abs(n) < 1 ? trim(n, 4) : trim(n, 2);
}
