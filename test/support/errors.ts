/** Error helpers shared by the model and function tests. */
import { SalesOpsError } from '../../src/models/errors';

/** Runs fn and returns the SalesOpsError it throws; rethrows any other error and fails when nothing is thrown. */
export function thrown(fn: () => unknown): SalesOpsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SalesOpsError) return e;
    throw e;
  }
  throw new Error('expected a SalesOpsError');
}
