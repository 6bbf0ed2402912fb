/**
 * The error catalogue: the one place that says which cell errors exist, how each is written, what it means to a
 * SALESOPS user and which of them Excel shows with a message. Models throw {@link SalesOpsError}; the host adapters
 * (Excel, headless engine), the audit, the docs and the Functions tab read the codes, texts and meanings from here.
 *
 * Codes follow what Excel users expect:
 * - VALUE: an argument is the wrong kind or shape (text in a number range, sizes that differ, 150 as a probability)
 * - NA: a lookup found nothing (an unknown stage, an unknown category)
 * - NUM: the numbers are valid but the result is not (no solution, a work limit)
 * - DIV0: a division by zero the user can see (zero quota)
 */
export type ErrorCode = 'VALUE' | 'NA' | 'NUM' | 'DIV0';

/** How each code is written in a cell, in the order the reference (docs/functions.md, the Functions tab) lists them. */
export const ERROR_TEXT: Readonly<Record<ErrorCode, string>> = {
  VALUE: '#VALUE!',
  NA: '#N/A',
  NUM: '#NUM!',
  DIV0: '#DIV/0!',
};

/** The cell errors a SALESOPS function may show, in the reference's order. */
export const ERROR_CODES = ['#VALUE!', '#N/A', '#NUM!', '#DIV/0!'] as const;
export type ErrorText = (typeof ERROR_CODES)[number];

/** What each code means, worded as the legend of docs/functions.md and the Functions tab. */
export const ERROR_MEANING: Readonly<Record<ErrorText, string>> = {
  '#VALUE!':
    'an argument has the wrong type or shape (text in a number range, ranges of different sizes, a probability of 60 instead of 60%)',
  '#N/A': 'a lookup found nothing (an unknown stage, category or id)',
  '#NUM!':
    'a result beyond the largest number a cell can hold; Excel shows the code without a message, as for its own overflow',
  '#DIV/0!':
    'a ratio of your data with nothing to divide by (no closed deal, a quota of 0 in ATTAINMENT, weights adding up to 0); Excel shows the code without a message, as for its own division by zero',
};

/**
 * The codes whose message Excel shows (in the error indicator menu of the cell). Microsoft's reference of
 * CustomFunctions.ErrorCode: for #DIV/0!, #NUM!, #NAME?, #NULL! and #REF! "a custom error message can't be used";
 * with them the message is dropped, so a function that wants the user to read why must answer #VALUE! or #N/A.
 */
export const CODES_WITH_MESSAGE_IN_EXCEL: readonly ErrorCode[] = ['VALUE', 'NA'];

/** Every error literal Excel writes in a cell or a formula (including the data-type, linked-data and async ones). */
export const EXCEL_ERROR_LITERALS = [
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#EXTERNAL!',
] as const;

/** Regular-expression source matching any of {@link EXCEL_ERROR_LITERALS} (no anchors, no flags). */
export const EXCEL_ERROR_PATTERN = `(?:${EXCEL_ERROR_LITERALS.map((t) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})`;

/** The SalesOpsError code of an error text ('#N/A' -> 'NA'); null for a text with no code of ours (#REF!, #NAME?...). */
export function errorCodeOfText(text: string): ErrorCode | null {
  for (const code of Object.keys(ERROR_TEXT) as ErrorCode[]) if (ERROR_TEXT[code] === text) return code;
  return null;
}

/** The message of an unexpected exception (a bug, not bad input), the same in Excel, the engine and the audit. */
export function internalErrorMessage(functionName: string, e: unknown): string {
  return `${functionName}: internal error: ${e instanceof Error ? e.message : String(e)}`;
}

export class SalesOpsError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'SalesOpsError';
    this.code = code;
    Object.setPrototypeOf(this, SalesOpsError.prototype);
  }
  /** The text Excel shows in the cell: #VALUE!, #N/A, #NUM!, #DIV/0!. */
  get text(): string {
    return ERROR_TEXT[this.code];
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
