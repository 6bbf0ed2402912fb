/* Custom-function declarations for lead routing: clean arguments, call src/models/routing, nothing else. */
import { routeLeads } from '../models/routing';
import { errorCodeOf, isBlank, optionalText, table, toNumber } from './clean';
import { criterionText, leadTable } from './leadscore';

/**
 * Lead routing: an owner per lead from the first rule whose criterion matches (same expressions and field names as LEADSCORE; text compares as text, ignoring case: country == "US"). A rule with queue members hands its leads to the members in turn, in lead order (weighted when weights are given), so the same sheet always routes the same way. Unmatched leads get default_owner, or #N/A naming the row.
 * @customfunction ROUTE
 * @param headers The names of the lead columns, one per column of leads (e.g. the header row).
 * @param leads The leads, one row per lead.
 * @param rules Two to four columns: criterion | owner, or queue name | optional queue members as text "Ann, Bob" | optional member weights as text "2, 1". Another row naming the same queue shares its turns.
 * @param [default_owner] The owner of leads no rule matches.
 * @returns One owner per lead row.
 * @spill rows(leads) x 1
 * @example =SALESOPS.ROUTE({"Country"}, {"US";"DE";"us";"US"}, {"country == 'US'","US team","Ann, Bob";"true","Zoe",""}) returns {"Ann";"Zoe";"Bob";"Ann"}
 * @example =SALESOPS.ROUTE({"Employees"}, {500;600;700;800}, {"employees >= 200","Enterprise","Ann, Bob","2, 1"}) returns {"Ann";"Bob";"Ann";"Ann"}
 * @example =SALESOPS.ROUTE({"Country"}, {"FR";"US"}, {"country == 'US'","Ann"}, "Pool") returns {"Pool";"Ann"}
 * @example =SALESOPS.ROUTE({"Country"}, {"US";"FR"}, {"country == 'US'","Ann"}) returns {"Ann";#N/A}
 * @example =SALESOPS.ROUTE({"Country"}, {"FR"}, {"evaluate('1')","Ann"}) returns #VALUE!
 * @error #VALUE! when rules does not have 2 to 4 columns, a criterion is blank, does not parse, names an unknown field or leaves the sandbox, an owner is blank, queue weights are not positive numbers or do not match the members, or headers and leads differ in width; in one lead's row only, when its values do not fit a rule
 * @error #N/A in the row of a lead no rule matches when there is no default_owner
 */
export function route(headers: any[][], leads: any[][], rules: any[][], default_owner?: any): any[][] {
  const t = leadTable(headers, leads);
  const ruleRows = table(rules, 'rules', 2, 4).map(({ row, cells }) => ({
    row,
    criterion: criterionText(cells[0], `rules row ${row} criterion`),
    owner: optionalText([[cells[1]]], `rules row ${row} owner`, ''),
    members: isBlank(cells[2]) ? null : optionalText([[cells[2]]], `rules row ${row} queue members`, ''),
    weights: isBlank(cells[3])
      ? null
      : typeof cells[3] === 'number' || errorCodeOf(cells[3])
        ? toNumber(cells[3], `rules row ${row} weights`)
        : String(cells[3]),
  }));
  const owners = routeLeads({
    headers: t.headers,
    leads: t.leads,
    rules: ruleRows,
    defaultOwner: optionalText(default_owner, 'default_owner', '') || null,
  });
  return owners.map((o) => [o]);
}
