/**
 * Lead routing: the first rule whose criterion matches a lead names its owner, or a queue that hands leads to its
 * members in turn. Deterministic: the same sheet always routes the same way (no clock, no randomness).
 *
 * Queues: a rules row with members defines a queue named by its owner column ("US team"); its members are given
 * as text "Ann, Bob, Cy" (separated by commas or semicolons), and optional weights as "2, 1, 1" (or one number for
 * a one-member queue). Without weights, members take leads in turn (Ann, Bob, Cy, Ann, ...); with weights, by
 * smooth weighted round-robin (nginx's method: each turn every member gains its weight, the member with the most
 * takes the lead, first listed on a tie, and gives back the total), so weights 2, 1 give Ann, Bob, Ann, Ann, Bob,
 * Ann, ... Any other row whose owner names a defined queue sends its leads to the same queue and the same turn
 * order. Turns advance in lead order, only for leads the queue receives.
 */
import { SalesOpsError, naError, valueError } from './errors';
import { compileExpression, fieldIndex, quoteCriterion, LeadEvaluationError, type FieldValue } from './expressions';

export interface RoutingRule {
  row: number; // row in the rules table, for messages
  criterion: string;
  owner: string; // an owner, or the name of a queue
  members: string | null; // "Ann, Bob": makes this row's owner a queue
  weights: string | number | null; // "2, 1" aligned with members
}

export interface RouteInput {
  headers: (string | null)[];
  leads: FieldValue[][];
  rules: RoutingRule[];
  defaultOwner?: string | null;
}

interface Queue {
  name: string;
  row: number;
  members: string[];
  weights: number[];
  current: number[]; // smooth weighted round-robin state
  total: number;
}

/** Splits "Ann, Bob; Cy" into names. */
function splitList(text: string): string[] {
  return text.split(/[,;]/).map((s) => s.trim());
}

/** Parses a queue's members and weights; throws #VALUE! naming the rules row. */
export function parseQueue(rule: RoutingRule): { members: string[]; weights: number[] } {
  const where = `rules row ${rule.row}`;
  const members = splitList(rule.members ?? '');
  if (members.some((m) => m === ''))
    throw valueError(
      `${where}: queue members "${rule.members}" has an empty name; separate names with commas (Ann, Bob)`,
    );
  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m.toLowerCase()))
      throw valueError(`${where}: queue member ${m} is listed twice; give a weight instead`);
    seen.add(m.toLowerCase());
  }
  let weights: number[];
  if (rule.weights === null || (typeof rule.weights === 'string' && rule.weights.trim() === '')) {
    weights = members.map(() => 1);
  } else {
    const parts = typeof rule.weights === 'number' ? [String(rule.weights)] : splitList(rule.weights);
    weights = parts.map((p) => {
      const w = /^\s*(\d+\.?\d*|\.\d+)\s*$/.test(p) ? Number(p) : NaN;
      if (!(w > 0) || !Number.isFinite(w))
        throw valueError(`${where}: member weight "${p}" is not a positive number; write weights like 2, 1`);
      return w;
    });
    if (weights.length !== members.length) {
      throw valueError(
        `${where}: ${members.length} queue members but ${weights.length} weights; give one weight per member`,
      );
    }
  }
  return { members, weights };
}

/** Smooth weighted round-robin: the next member of the queue (advances its state). */
function nextMember(q: Queue): string {
  let best = 0;
  for (let k = 0; k < q.members.length; k++) {
    q.current[k] += q.weights[k];
    if (q.current[k] > q.current[best]) best = k;
  }
  q.current[best] -= q.total;
  return q.members[best];
}

/** Builds the queues named on rule rows with members; rows defining the same queue must agree. */
function buildQueues(rules: RoutingRule[]): Map<string, Queue> {
  const queues = new Map<string, Queue>();
  for (const r of rules) {
    if (r.members === null || r.members.trim() === '') {
      if (r.weights !== null && String(r.weights).trim() !== '')
        throw valueError(`rules row ${r.row}: weights are given but no queue members`);
      continue;
    }
    const { members, weights } = parseQueue(r);
    const key = r.owner.trim().toLowerCase();
    const seen = queues.get(key);
    if (seen) {
      const same =
        seen.members.length === members.length &&
        seen.members.every((m, k) => m === members[k] && seen.weights[k] === weights[k]);
      if (!same)
        throw valueError(
          `rules row ${r.row}: queue "${r.owner}" is defined differently on rules row ${seen.row}; define each queue once`,
        );
      continue;
    }
    queues.set(key, {
      name: r.owner,
      row: r.row,
      members,
      weights,
      current: weights.map(() => 0),
      total: weights.reduce((a, b) => a + b, 0),
    });
  }
  return queues;
}

/**
 * One owner per lead: the owner (or next queue member) of the first rule whose criterion matches; unmatched leads
 * get defaultOwner, or a #N/A naming the lead row. A lead whose value does not fit a rule it reaches gets a #VALUE!
 * cell naming the lead row and the rule. Blank lead rows get blank ('').
 * Example: rules country == "US" -> queue "US team" (Ann, Bob); true -> "Zoe". Leads US, DE, us route to
 * Ann, Zoe, Bob.
 */
export function routeLeads(input: RouteInput): (string | SalesOpsError)[] {
  const { headers, leads, rules } = input;
  const defaultOwner = input.defaultOwner?.trim() || null;
  for (let i = 0; i < leads.length; i++) {
    if (leads[i].length !== headers.length) {
      throw valueError(
        `headers has ${headers.length} columns but leads has ${leads[i].length}; give one header per lead column`,
      );
    }
  }
  const fields = fieldIndex(headers);
  for (const r of rules) if (r.owner.trim() === '') throw valueError(`rules row ${r.row}: the owner or queue is blank`);
  const queues = buildQueues(rules);
  const compiled = rules.map((r) => ({
    row: r.row,
    criterion: r.criterion,
    owner: r.owner.trim(),
    queue: queues.get(r.owner.trim().toLowerCase()) ?? null,
    evaluate: compileExpression(r.criterion, fields, `rules row ${r.row}`),
  }));
  const out: (string | SalesOpsError)[] = new Array(leads.length);
  for (let i = 0; i < leads.length; i++) {
    const lead = leads[i];
    if (lead.every((v) => v === null || v === undefined || (typeof v === 'string' && v.trim() === ''))) {
      out[i] = '';
      continue;
    }
    let result: string | SalesOpsError | null = null;
    for (let k = 0; k < compiled.length && result === null; k++) {
      const rule = compiled[k];
      let match: boolean;
      try {
        const v = rule.evaluate(lead);
        if (typeof v === 'string') throw new LeadEvaluationError(`gave text "${v}"; a criterion must give TRUE/FALSE`);
        match = v === true || (typeof v === 'number' && v !== 0 && !Number.isNaN(v));
      } catch (e) {
        if (!(e instanceof LeadEvaluationError)) throw e;
        result = valueError(
          `leads row ${i + 1}: rules row ${rule.row} (${quoteCriterion(rule.criterion)}): ${e.message}`,
        );
        break;
      }
      if (match) result = rule.queue ? nextMember(rule.queue) : rule.owner;
    }
    out[i] = result ?? defaultOwner ?? naError(`leads row ${i + 1}: no rule matches and no default_owner is given`);
  }
  return out;
}
