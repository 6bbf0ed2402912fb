/**
 * The Functions tab's data: every declared SALESOPS function with its help, straight from the generated registry
 * (the same declarations functions.json comes from). Pure: tested without rendering.
 */
import { declarations } from '../../functions/generated/registry';
import { NAMESPACE, type Declaration } from '../../functions/declaration';
import { CODES_WITH_MESSAGE_IN_EXCEL, ERROR_CODES, ERROR_MEANING, errorCodeOfText } from '../../models/errors';

export interface CatalogParam {
  name: string;
  description: string;
  optional: boolean;
  range: boolean;
}

/** One error a function can return and when (docs/functions.md's "Errors" list). */
export interface CatalogError {
  code: string;
  /** "when ..." as the declaration's `@error CODE when ...` line says; the code's general meaning without one. */
  when: string;
}

export interface CatalogEntry {
  id: string;
  /** Full name as typed in a cell: SALESOPS.WEIGHTEDPIPE. */
  name: string;
  /** `=SALESOPS.WEIGHTEDPIPE(amounts, stages, stage_table, [close_dates], ...)`: optional parameters in brackets. */
  syntax: string;
  description: string;
  params: CatalogParam[];
  /** The errors it can return, in docs/functions.md's order (#VALUE!, #N/A, #NUM!, #DIV/0!). */
  errors: CatalogError[];
  /** The first documented example and its result. */
  example?: { formula: string; expected: string };
  spills: boolean;
}

/** The cell errors a function may show and what each means: the error catalogue (src/models/errors.ts). */
export { ERROR_CODES, ERROR_MEANING };

/** Whether Excel shows the function's message with this code (#VALUE!, #N/A); #DIV/0! and #NUM! show alone. */
export function showsMessageInExcel(code: string): boolean {
  const c = errorCodeOfText(code);
  return c !== null && CODES_WITH_MESSAGE_IN_EXCEL.includes(c);
}

/** The syntax line, as docs/functions.md shows it: `=SALESOPS.ID(required, [optional])`. */
export function syntaxLine(d: Declaration): string {
  return `=${NAMESPACE}.${d.id}(${d.metadata.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ')})`;
}

const codeOrder = (code: string) => {
  const i = (ERROR_CODES as readonly string[]).indexOf(code);
  return i < 0 ? ERROR_CODES.length : i;
};

/**
 * The errors a function can return: its documented `@error` lines (docs/functions.md lists the same); a declaration
 * without any (none ships so: a test requires #VALUE! everywhere) falls back to #VALUE! and the codes its examples show.
 */
export function errorList(d: Declaration): CatalogError[] {
  const list = d.errors?.length
    ? d.errors.map((e) => ({ code: e.code, when: e.when }))
    : [...new Set(['#VALUE!', ...d.examples.flatMap((e) => e.expected.match(/#[A-Z0-9/]+[!A]?/g) ?? [])])].map(
        (code) => ({ code, when: ERROR_MEANING[code as keyof typeof ERROR_MEANING] ?? 'see the message in the cell' }),
      );
  return list.sort((a, b) => codeOrder(a.code) - codeOrder(b.code));
}

/** Catalogue entries from declarations, sorted by name. */
export function buildCatalog(decls: Declaration[] = declarations): CatalogEntry[] {
  return decls
    .map((d) => ({
      id: d.id,
      name: `${NAMESPACE}.${d.id}`,
      syntax: syntaxLine(d),
      description: d.metadata.description ?? '',
      params: d.metadata.parameters.map((p) => ({
        name: p.name,
        description: p.description ?? '',
        optional: !!p.optional,
        range: p.dimensionality === 'matrix',
      })),
      errors: errorList(d),
      example: d.examples[0],
      spills: d.spill !== null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Entries whose name, description or parameter names contain every word of the query (case-insensitive). */
export function searchCatalog(entries: CatalogEntry[], query: string): CatalogEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return entries;
  return entries.filter((e) => {
    const text = [e.name, e.description, ...e.params.map((p) => p.name)].join(' ').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** The formula Insert writes: required parameters as named placeholders, e.g. =SALESOPS.WEIGHTEDPIPE(amounts, stages, stage_table). */
export function placeholderFormula(entry: CatalogEntry): string {
  return `=${entry.name}(${entry.params
    .filter((p) => !p.optional)
    .map((p) => p.name)
    .join(', ')})`;
}

/** "Sheet1!B3" for the cell Insert writes to: the top-left cell of the selection. */
export function firstCell(address: string): string {
  return address.split(':')[0];
}
