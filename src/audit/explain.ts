/**
 * Explanations of SALESOPS cells for finance: a commission cell's COMMISSION.EXPLAIN lines, a weighted
 * pipeline's contribution by stage, a capacity's RRE by month; any other function gets its inputs and definition.
 * Computed from the same arguments the cell passes, by the same model code the cell runs.
 */
import { isCellError, type CellValue } from '../workbook/workbook';
import { declarations } from '../functions/generated/registry';
import { CellErrorValue } from '../functions/clean';
import { weightedPipeArgs } from '../functions/pipeline';
import { capacityArgs } from '../functions/capacity';
import { weightedPipelineByStage } from '../models/pipeline';
import { rreByMonth } from '../models/capacity';
import { monthIndex } from '../models/dates';
import { internalErrorMessage, isSalesOpsError } from '../models/errors';
import type { Explanation } from './types';
import { areaAddress, quoteSheetName } from '../workbook/a1';
import { showValue, type ArgValue } from './grid';
import type { SalesOpsCall } from './salesops';

/** An argument as the declaration's implementation takes it (what the host would pass). */
function raw(a: ArgValue): unknown {
  if (a.kind === 'missing') return undefined;
  if (a.kind === 'literal') return a.value;
  if (a.kind === 'range')
    return a.values.map((r) => r.map((v) => (isCellError(v) ? new CellErrorValue(v.error, v.message ?? '') : v)));
  throw new Error(
    `it is ${a.kind === 'external' ? 'a reference to another workbook' : 'a calculation'} (${a.text}) the audit does not evaluate`,
  );
}

/** How an argument was given, for the inputs table. */
export function describeArg(a: ArgValue): { given: string; size: string; preview: string } {
  if (a.kind === 'range') {
    const rows = a.area.bottom - a.area.top + 1;
    const cols = a.area.right - a.area.left + 1;
    const first: string[] = [];
    for (const r of a.values) {
      for (const v of r) if (first.length < 7) first.push(showValue(v));
      if (first.length >= 7) break;
    }
    const preview = first.slice(0, 6).join(', ') + (first.length > 6 ? ', ...' : '');
    return { given: `${quoteSheetName(a.sheet)}!${areaAddress(a.area)}`, size: `${rows} x ${cols}`, preview };
  }
  if (a.kind === 'literal') {
    if (Array.isArray(a.value)) {
      const m = a.value as CellValue[][];
      return {
        given: 'array typed in the formula',
        size: `${m.length} x ${m[0]?.length ?? 0}`,
        preview: m.map((r) => r.map(showValue).join(', ')).join('; '),
      };
    }
    return { given: 'typed in the formula', size: '1 x 1', preview: showValue(a.value as CellValue) };
  }
  if (a.kind === 'missing') return { given: '(omitted)', size: '', preview: '' };
  return { given: a.text, size: '', preview: a.kind === 'external' ? 'other workbook' : 'calculated' };
}

export function inputsExplanation(call: SalesOpsCall, note?: string): Explanation {
  const rows: (string | number)[][] = [['Parameter', 'Given as', 'Size', 'Values']];
  call.decl.metadata.parameters.forEach((p, i) => {
    const d = describeArg(call.ordered[i]);
    if (call.ordered[i].kind === 'missing' && p.optional) return;
    rows.push([p.name, d.given, d.size, d.preview]);
  });
  return { kind: 'inputs', title: `Inputs of SALESOPS.${call.decl.id}`, table: rows, ...(note ? { note } : {}) };
}

function why(e: unknown): string {
  if (isSalesOpsError(e)) return e.message;
  return e instanceof Error ? e.message : String(e);
}

function commission(call: SalesOpsCall): Explanation {
  const explain = declarations.find((d) => d.id === 'COMMISSION.EXPLAIN');
  if (!explain)
    return inputsExplanation(call, 'COMMISSION.EXPLAIN is not declared in this build: showing inputs and definition');
  try {
    const result = explain.implementation(...call.ordered.map(raw)) as unknown[][];
    const rows = result.map((r) =>
      r.map((v) => (typeof v === 'number' ? v : v === null || v === undefined ? '' : String(v))),
    );
    return {
      kind: 'commission',
      title: 'Commission line by line (SALESOPS.COMMISSION.EXPLAIN with the same arguments)',
      table: rows,
    };
  } catch (e) {
    return inputsExplanation(call, `COMMISSION.EXPLAIN could not run on these arguments: ${why(e)}`);
  }
}

/** WEIGHTEDPIPE's contribution by stage, from the arguments cleaned by the declaration's own weightedPipeArgs. */
function pipelineByStage(call: SalesOpsCall): Explanation {
  try {
    const contributions = weightedPipelineByStage(
      weightedPipeArgs(...(call.ordered.map(raw) as Parameters<typeof weightedPipeArgs>)),
    );
    const rows: (string | number)[][] = [['Stage', 'Probability', 'Deals', 'Amount', 'Weighted']];
    let deals = 0;
    let amount = 0;
    let weighted = 0;
    for (const c of contributions) {
      rows.push([c.stage, c.probability, c.deals, c.amount, c.weighted]);
      deals += c.deals;
      amount += c.amount;
      weighted += c.weighted;
    }
    rows.push(['Total', '', deals, amount, weighted]);
    return { kind: 'pipeline-by-stage', title: 'Weighted pipeline by stage (amount x stage probability)', table: rows };
  } catch (e) {
    return inputsExplanation(call, `the by-stage split could not run on these arguments: ${why(e)}`);
  }
}

function monthLabel(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** CAPACITY's trail: expected RRE per month (src/models/capacity.ts rreByMonth), and capacity per month. */
function capacityByMonth(call: SalesOpsCall): Explanation {
  try {
    const args = capacityArgs(...(call.ordered.map(raw) as Parameters<typeof capacityArgs>));
    const start = args.periodStart;
    const months = rreByMonth(args);
    const single = typeof args.annualProductivity === 'number' ? args.annualProductivity : null;
    const first = monthIndex(start);
    const rows: (string | number)[][] = [single === null ? ['Month', 'RRE'] : ['Month', 'RRE', 'Capacity']];
    let rre = 0;
    months.forEach((r, k) => {
      rre += r;
      rows.push(single === null ? [monthLabel(first + k), r] : [monthLabel(first + k), r, (r * single) / 12]);
    });
    rows.push(single === null ? ['Total', rre] : ['Total', rre, (rre * single) / 12]);
    return {
      kind: 'capacity-by-month',
      title: 'Ramped rep equivalents by month (ramp x chance the rep is still there)',
      table: rows,
      ...(single === null
        ? { note: 'productivity differs by rep, so capacity per month is not RRE x one productivity' }
        : {}),
    };
  } catch (e) {
    return inputsExplanation(call, `the month-by-month RRE could not run on these arguments: ${why(e)}`);
  }
}

/** The explanation of a SALESOPS call. */
export function explain(call: SalesOpsCall): Explanation {
  const unevaluable = call.ordered.find((a) => a.kind === 'expression' || a.kind === 'external');
  if (unevaluable)
    return inputsExplanation(
      call,
      `an argument is ${unevaluable.kind === 'external' ? 'in another workbook' : 'a calculation'}: showing inputs and definition`,
    );
  switch (call.decl.id) {
    case 'COMMISSION':
    case 'COMMISSION.EXPLAIN':
      return commission(call);
    case 'WEIGHTEDPIPE':
      return pipelineByStage(call);
    case 'CAPACITY':
      return capacityByMonth(call);
    default:
      return inputsExplanation(call);
  }
}

/** What a call gives in its own cell: the anchor of a spilled result, or the error it throws. */
function anchorOutcome(call: SalesOpsCall): { code: string; message: string } | null {
  try {
    const result = call.decl.implementation(...call.ordered.map(raw));
    const anchor = Array.isArray(result)
      ? Array.isArray(result[0])
        ? (result[0] as unknown[])[0]
        : result[0]
      : result;
    if (isSalesOpsError(anchor)) return { code: anchor.text, message: anchor.message };
    if (anchor instanceof CellErrorValue) return anchor.message ? { code: anchor.code, message: anchor.message } : null;
    return null;
  } catch (e) {
    if (isSalesOpsError(e)) return { code: e.text, message: e.message };
    return { code: '#VALUE!', message: internalErrorMessage(`SALESOPS.${call.decl.id}`, e) };
  }
}

/**
 * The message behind a SALESOPS error the host showed only by its code (Excel hands the pane '#N/A', not the
 * message): the declaration's implementation is run again on the arguments the cell passes, innermost call first,
 * and the first that fails with the same code gives its message. Null when no call can be evaluated (an argument is
 * a calculation or in another workbook) or none fails that way.
 */
export function recoverErrorMessage(calls: SalesOpsCall[], code: string): { message: string; function: string } | null {
  for (let i = calls.length - 1; i >= 0; i--) {
    const call = calls[i];
    if (call.ordered.some((a) => a.kind === 'expression' || a.kind === 'external')) continue;
    const outcome = anchorOutcome(call);
    if (outcome && outcome.code === code) return { message: outcome.message, function: call.decl.id };
  }
  return null;
}
