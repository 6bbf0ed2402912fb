/**
 * `npm run templates`: builds the starter workbooks of src/taskpane/templates/catalog.ts into assets/templates/.
 *
 * Each workbook is written with exceljs (Excel tables for data, sheet-scoped defined names for inputs and data
 * columns, light-yellow input cells, labels, number formats, column widths, a "How to use" note), then run through
 * the headless recalc (recalcXlsx, the library behind `salesops recalc`) so that it opens with computed values.
 *
 * Storage choices (see README "Templates"):
 * - SALESOPS functions are written as Excel stores add-in functions in a file, `_xldudf_SALESOPS_QUOTA_ALLOCATE(`;
 *   the xlsx loader maps that back to SALESOPS.QUOTA.ALLOCATE with the registry ids.
 * - Functions that return a range are legacy array formulas (`<f t="array" ref="D10:D17">`) over exactly the
 *   cells they fill: exceljs cannot write the dynamic-array metadata (xl/metadata.xml). Excel 365 shows them as
 *   {=...}; to change the size, select the block and re-enter the formula with Ctrl+Shift+Enter.
 * - Defined names are local to each sheet of the template (written into workbook.xml after exceljs, which only
 *   writes workbook-wide names), so two templates in one workbook never fight over `Target`.
 * - The workbook asks Excel for a full recalculation on load (calcPr fullCalcOnLoad).
 *
 * The Pipeline review and Territory plan use the Maven Analytics CRM sample (public domain, ../shared/data/crm/).
 * The lead list of Lead scoring is synthetic (the leads data set's licence is unknown).
 */
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { recalcXlsx } from '../src/hosts/headless/recalc';
import { TEMPLATES } from '../src/taskpane/templates/catalog';
import type { Template } from './templates/sheet';
import { capacityPlan } from './templates/capacity';
import { quotaPlan } from './templates/quota';
import { pipelineReview } from './templates/pipeline';
import { compPlan } from './templates/comp';
import { leadScoring } from './templates/leads';
import { territoryPlan } from './templates/territory';

export { CRM_DIR } from './templates/crm';
export { PIPELINE_INPUTS, PIPELINE_STAGES } from './templates/crm';
export { CAPACITY_INPUTS } from './templates/capacity';
export { QUOTA_INPUTS } from './templates/quota';
export { COMP_INPUTS } from './templates/comp';
export { LEAD_INPUTS } from './templates/leads';
export { TERRITORY_INPUTS } from './templates/territory';
export const OUT_DIR = path.resolve(__dirname, '../assets/templates');

// ---------------------------------------------------------------------------------------------- build

const BUILDERS: Record<string, () => Template> = {
  'capacity-plan': capacityPlan,
  'quota-plan': quotaPlan,
  'pipeline-review': pipelineReview,
  'comp-plan': compPlan,
  'lead-scoring': leadScoring,
  'territory-plan': territoryPlan,
};

/** Builds one template: exceljs workbook -> recalculated bytes; throws when a formula shows an error or a warning. */
export async function buildTemplate(id: string): Promise<Buffer> {
  const build = BUILDERS[id];
  if (!build) throw new Error(`unknown template '${id}'; known: ${Object.keys(BUILDERS).join(', ')}`);
  const raw = await build().bytes();
  const { output, cells, warnings } = await recalcXlsx(raw);
  const errors = cells.filter(
    (c) => c.error || c.spill?.values.some((row) => row.some((v) => v !== null && typeof v === 'object')),
  );
  if (errors.length || warnings.length) {
    const first = errors[0];
    throw new Error(
      `template '${id}': ${errors.length} formula(s) show an error${first ? ` (first ${first.sheet}!${first.address} ${first.formula}: ${first.error?.code ?? 'in its spill'} ${first.error?.message ?? ''})` : ''}; warnings: ${warnings.join('; ') || 'none'}`,
    );
  }
  // Fixed zip entry dates: the recalc's zip keeps exceljs's entries but stamps the patched sheets with now.
  const zip = await JSZip.loadAsync(output);
  const date = new Date(Date.UTC(2026, 0, 1));
  zip.forEach((_, f) => {
    f.date = date;
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const t of TEMPLATES) {
    const bytes = await buildTemplate(t.id);
    const file = path.join(OUT_DIR, `${t.id}.xlsx`);
    fs.writeFileSync(file, bytes);
    console.log(
      `templates: ${t.title} -> ${path.relative(process.cwd(), file)} (${Math.round(bytes.length / 1024)} KB)`,
    );
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`templates: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
