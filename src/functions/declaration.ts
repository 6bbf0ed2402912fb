/**
 * The shape of one custom-function declaration as both hosts see it. Everything here is generated from the
 * JSDoc of the exported functions in src/functions/*.ts by scripts/gen-metadata.ts (no second list by hand).
 */

/** Excel's functions.json entry (custom-functions-metadata output). */
export interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: {
    name: string;
    description?: string;
    type?: string;
    dimensionality?: 'scalar' | 'matrix';
    optional?: boolean;
    repeating?: boolean;
  }[];
  result: { type?: string; dimensionality?: 'scalar' | 'matrix' };
}

/** A spill dimension known before evaluation: a constant, or the size of an argument's range. */
export type SpillDim =
  { kind: 'const'; n: number } | { kind: 'len' | 'rows' | 'cols'; param: number; fallback: number; plus: number };

export interface DocumentedExample {
  formula: string; // as typed in a cell, e.g. =SALESOPS.WEIGHTEDPIPE({1000},{"Trial"},{"Trial",0.6})
  expected: string; // as written after "returns": a number, "text", #ERROR!, or an array literal {a,b;c,d}
}

export interface DocumentedError {
  code: string; // #VALUE!, #N/A, #NUM!, #DIV/0!
  when: string; // "when amounts and stages differ in size"
}

export interface Declaration {
  id: string; // without the namespace: QUOTA.ROLLUP
  functionName: string; // the exported TypeScript function
  sourceFile: string;
  metadata: FunctionMetadata;
  /** Declared maximum spill size (rows x cols); null for functions that return one value. */
  spill: { rows: SpillDim; cols: SpillDim } | null;
  examples: DocumentedExample[];
  /** The `@error CODE when ...` lines: every error the function can return and when (docs and the Functions tab). */
  errors: DocumentedError[];
  implementation: (...args: any[]) => unknown;
}

export const NAMESPACE = 'SALESOPS';
