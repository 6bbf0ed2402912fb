/** HyperFormula's internal types that function plugins receive, as far as plugins here use them. */
import type { FunctionPlugin } from 'hyperformula';

type RunFunction = FunctionPlugin['runFunction'];
export type ProcedureAst = Parameters<RunFunction>[0] extends infer A ? { args: A; procedureName: string } : never;
export type InterpreterState = Parameters<RunFunction>[1];
