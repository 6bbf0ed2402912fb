/**
 * Formula text as the headless engine (and the audit) read it: Excel's storage prefixes removed (`_xlfn.`, `_xlws.`,
 * `_xludf.`, `_xldudf_SALESOPS_X`), add-in functions mapped back to their declared ids. Free of the engine.
 */
import { NAMESPACE } from '../functions/declaration';
import { declarations } from '../functions/generated/registry';
import { functionRenamer, rewriteFormula } from './formula-refs';

const renameFunction = functionRenamer(
  NAMESPACE,
  declarations.map((d) => d.id),
);

/** Formula text (with or without `=`) in the form the headless engine reads: `_xldudf_`, `_xlfn.` etc. removed. */
export function normalizeFormula(formula: string): string {
  return rewriteFormula(formula, { functionName: renameFunction });
}
