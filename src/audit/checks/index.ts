/**
 * The one list of the audit's checks, run in this order (in the manner of HyperFormula's plugin tables: a check is a
 * file exporting one declaration; adding a check is adding its file and one line here).
 */
import type { Check } from './check';
import { errorValuesCheck } from './errors';
import { inconsistentFormulasCheck } from './inconsistent';
import { typedOverFormulasCheck } from './typed-over';
import { modelChecksCheck } from './model';
import { circularReferencesCheck } from './circular';
import { externalReferencesCheck } from './external';
import { hardCodedConstantsCheck } from './constants';
import { emptyReferencesCheck } from './empty';
import { recalcDiffersCheck } from './recalc-differs';

export const CHECKS: readonly Check[] = [
  errorValuesCheck,
  inconsistentFormulasCheck,
  typedOverFormulasCheck,
  modelChecksCheck,
  circularReferencesCheck,
  externalReferencesCheck,
  hardCodedConstantsCheck,
  emptyReferencesCheck,
  recalcDiffersCheck,
];

export type { Check, CheckContext, Disagreement } from './check';
export { hiddenConstants, UNIT_CONSTANTS } from './constants';
export { blankTestedRefs } from './empty';
export { sameResult } from './recalc-differs';
