import { valueError } from './errors';

/**
 * Two aligned lists (ranges of one row per item) must have the same length: the one place that says so, for every
 * model and declaration, with one message ("amounts has 3 rows but stages has 2; give ranges of the same size").
 */
export function sameLength(argA: string, a: { length: number }, argB: string, b: { length: number }): void {
  if (a.length !== b.length)
    throw valueError(`${argA} has ${a.length} rows but ${argB} has ${b.length}; give ranges of the same size`);
}
