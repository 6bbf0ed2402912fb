/**
 * The Functions tab's data: every declared SALESOPS function with its help, straight from the generated registry
 * (the same declarations functions.json comes from). Pure: tested without rendering.
 */
import { declarations } from '../../functions/generated/registry';
import { NAMESPACE, type Declaration } from '../../functions/declaration';

export interface CatalogParam {
  name: string;
  description: string;
  optional: boolean;
  range: boolean;
}

export interface CatalogEntry {
  id: string;
  /** Full name as typed in a cell: SALESOPS.WEIGHTEDPIPE. */
  name: string;
  description: string;
  params: CatalogParam[];
  /** The first documented example and its result. */
  example?: { formula: string; expected: string };
  spills: boolean;
}

/** Catalogue entries from declarations, sorted by name. */
export function buildCatalog(decls: Declaration[] = declarations): CatalogEntry[] {
  return decls
    .map((d) => ({
      id: d.id,
      name: `${NAMESPACE}.${d.id}`,
      description: d.metadata.description ?? '',
      params: d.metadata.parameters.map((p) => ({ name: p.name, description: p.description ?? '', optional: !!p.optional, range: p.dimensionality === 'matrix' })),
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
  return `=${entry.name}(${entry.params.filter((p) => !p.optional).map((p) => p.name).join(', ')})`;
}

/** "Sheet1!B3" for the cell Insert writes to: the top-left cell of the selection. */
export function firstCell(address: string): string {
  return address.split(':')[0];
}
