/** The SALESOPS calls in a formula, matched to their declarations, with each argument resolved by parameter name. */
import { declarations } from '../functions/generated/registry';
import { NAMESPACE, type Declaration } from '../functions/declaration';
import { calls } from './formula';
import type { ArgValue, Grid, ParsedFormula } from './grid';

const byName = new Map<string, Declaration>();
for (const d of declarations) {
  byName.set(`${NAMESPACE}.${d.id}`.toUpperCase(), d);
  // how Excel saves an add-in function in a file it could not resolve: _xldudf_SALESOPS_QUOTA_ROLLUP
  byName.set(`_XLDUDF_${NAMESPACE}_${d.id.replace(/\./g, '_')}`.toUpperCase(), d);
}

export interface SalesOpsCall {
  decl: Declaration;
  /** Arguments by parameter name (omitted optional parameters are absent). */
  args: Map<string, ArgValue>;
  /** Arguments in order, as the declaration's implementation takes them. */
  ordered: ArgValue[];
}

/** The declaration of a function name as written in a formula, if it is a SALESOPS function. */
export function declarationOf(name: string): Declaration | undefined {
  return byName.get(name.toUpperCase().replace(/^\[\d+\]!/, ''));
}

export function isSalesOpsFormula(f: ParsedFormula): boolean {
  return f.tokens.some((t) => t.kind === 'func' && declarationOf(t.name) !== undefined);
}

const cache = new WeakMap<ParsedFormula, SalesOpsCall[]>();

/** The SALESOPS calls of a formula (computed once per formula: the inventory and the model checks both ask). */
export function salesOpsCalls(f: ParsedFormula, grid: Grid): SalesOpsCall[] {
  const hit = cache.get(f);
  if (hit) return hit;
  const out: SalesOpsCall[] = [];
  for (const c of calls(f.tokens)) {
    const decl = declarationOf(c.name);
    if (!decl) continue;
    const args = new Map<string, ArgValue>();
    const ordered = decl.metadata.parameters.map((p, i) => {
      const v = grid.argument(c.args[i], f.sheet);
      if (v.kind !== 'missing') args.set(p.name, v);
      return v;
    });
    out.push({ decl, args, ordered });
  }
  cache.set(f, out);
  return out;
}
