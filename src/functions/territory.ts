/* Custom-function declarations for territory balancing: clean arguments, call src/models/territory. */
import { div0Error, type ResultCell } from '../models/errors';
import { territoryLoads } from '../models/territory';
import { isBlank, isOmitted, numberVector, sameLength, textVector, vector } from './clean';

/**
 * Each rep's load of one metric (potential, workload, account count...) under the owners column as it stands: the load, its share of the total, the rep's capacity-weighted target share and the deviation (share / target share - 1; +0.05 is 5% over). Keeps the balance live while managers hand-edit owners. Owners match rep ids ignoring case; rows with a blank owner are left out; an owner that is not in reps is a #VALUE! naming the row.
 * @customfunction TERRITORY.LOAD
 * @param owners Each account's owner (rep id), one row per account.
 * @param metric Each account's value of the metric, aligned with owners (blank counts as nothing).
 * @param reps The rep ids, one per row; a blank row spills a blank row.
 * @param [weights] Each rep's capacity weight, aligned with reps (0.5 = half a share); default 1 each.
 * @returns One row per rep: load, share of total, target share, deviation.
 * @spill len(reps) x 4
 * @example =SALESOPS.TERRITORY.LOAD({"A";"B";"A"}, {10;20;30}, {"A";"B"}) returns {40,0.6667,0.5,0.3333;20,0.3333,0.5,-0.3333}
 * @example =SALESOPS.TERRITORY.LOAD({"A";"b";"A"}, {10;20;30}, {"A";"B"}, {2;1}) returns {40,0.6667,0.6667,0;20,0.3333,0.3333,0}
 * @example =SALESOPS.TERRITORY.LOAD({"A";"";"B"}, {10;99;30}, {"A";"B";"C"}) returns {10,0.25,0.3333,-0.25;30,0.75,0.3333,1.25;0,0,0.3333,-1}
 * @example =SALESOPS.TERRITORY.LOAD({"A";"Z"}, {10;20}, {"A";"B"}) returns #VALUE!
 * @example =SALESOPS.TERRITORY.LOAD({"A";"B"}, {10}, {"A";"B"}) returns #VALUE!
 * @example =SALESOPS.TERRITORY.LOAD({"A";"B"}, {10;20}, {"A";"B"}, {0;0}) returns #VALUE!
 * @error #VALUE! when owners and metric differ in size, an owner is not in reps, a rep appears twice, reps is empty, a weight is negative or all weights are 0, or a metric value is text
 * @error #NUM! when the metric adds up to more than the largest number a cell can hold
 * @error #DIV/0! in the deviation of a rep with weight 0 that carries load (it has no target share)
 */
export function territoryLoad(owners: any[][], metric: any[][], reps: any[][], weights?: any[][]): any[][] {
  const ownerList = textVector(owners, 'owners');
  const values = numberVector(metric, 'metric');
  sameLength('owners', ownerList, 'metric', values);
  const repCells = vector(reps, 'reps');
  const repIds = textVector(reps, 'reps');
  const w = isOmitted(weights) ? null : numberVector(weights, 'weights');
  if (w) sameLength('weights', w, 'reps', repIds);
  const keep = repIds.map((id, i) => (id !== null && !isBlank(repCells[i]) ? i : -1)).filter((i) => i >= 0);
  const loads = territoryLoads(
    ownerList,
    values,
    keep.map((i) => repIds[i] as string),
    w ? keep.map((i) => w[i] ?? 1) : null,
  );
  const rows: ResultCell[][] = repIds.map(() => ['', '', '', '']);
  loads.forEach((l, k) => {
    const deviation =
      l.deviation === null
        ? div0Error(
            `reps row ${keep[k] + 1}: '${l.rep}' has weight 0 but carries load; it has no target to compare with`,
          )
        : l.deviation;
    rows[keep[k]] = [l.load, l.share, l.targetShare, deviation];
  });
  return rows;
}
