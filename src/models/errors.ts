/**
 * The one error type of the planning math. Models throw it; the host adapters (Excel, headless engine)
 * are the only places that turn it into a cell error (`CustomFunctions.Error`, HyperFormula `CellError`).
 *
 * Codes follow what Excel users expect:
 * - VALUE: an argument is the wrong kind or shape (text in a number range, sizes that differ, 150 as a probability)
 * - NA: a lookup found nothing (an unknown stage, an unknown category)
 * - NUM: the numbers are valid but the result is not (quota already met, no solution)
 * - DIV0: a division by zero the user can see (zero quota)
 */
export type ErrorCode = 'VALUE' | 'NA' | 'NUM' | 'DIV0';

export class SalesOpsError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'SalesOpsError';
    this.code = code;
    Object.setPrototypeOf(this, SalesOpsError.prototype);
  }
}

export function valueError(message: string): SalesOpsError {
  return new SalesOpsError('VALUE', message);
}
export function naError(message: string): SalesOpsError {
  return new SalesOpsError('NA', message);
}
export function numError(message: string): SalesOpsError {
  return new SalesOpsError('NUM', message);
}
export function div0Error(message: string): SalesOpsError {
  return new SalesOpsError('DIV0', message);
}

export function isSalesOpsError(x: unknown): x is SalesOpsError {
  return x instanceof SalesOpsError;
}

/** A cell of a spilled result: a value, or a per-row error that does not fail the whole spill. */
export type ResultCell = number | string | boolean | SalesOpsError;
