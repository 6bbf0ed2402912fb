/**
 * The starter workbooks in assets/templates/ (built by `npm run templates`, scripts/build-templates.ts): what the
 * Templates tab lists and where the web server serves each file. Pure data: the tab, the build script and the tests
 * read it.
 */

/** One starter workbook. */
export interface TemplateInfo {
  /** Stable id, also the file name without `.xlsx`. */
  id: string;
  /** Title shown in the Templates tab. */
  title: string;
  /** One line on what the template models. */
  description: string;
  /** Its sheets, in workbook order. */
  sheets: string[];
}

export const TEMPLATES: readonly TemplateInfo[] = [
  {
    id: 'capacity-plan',
    title: 'Capacity plan',
    description:
      'Hiring plan, ramp and attrition to ramped reps and bookings capacity by month, and the reps needed for the target.',
    sheets: ['Capacity'],
  },
  {
    id: 'quota-plan',
    title: 'Quota plan',
    description: 'Target plus over-assignment allocated to territories, phased by month, rolled up the org tree.',
    sheets: ['Quota'],
  },
  {
    id: 'pipeline-review',
    title: 'Pipeline review',
    description:
      'Real CRM deals: weighted pipeline, forecast categories, coverage, funnel, Monte Carlo range, win rates and team performance.',
    sheets: ['Pipeline', 'Deals'],
  },
  {
    id: 'comp-plan',
    title: 'Comp plan',
    description:
      'Commission tiers with accelerators and a cap, payout per rep, a line-by-line explanation and a monthly draw.',
    sheets: ['Comp'],
  },
  {
    id: 'lead-scoring',
    title: 'Lead scoring',
    description: 'Fit and engagement rules scoring a lead list, with A1-C3 grades and an MQL flag.',
    sheets: ['Leads'],
  },
  {
    id: 'territory-plan',
    title: 'Territory plan',
    description:
      'CRM accounts with their current owners and each rep\u2019s live load and deviation on revenue and employees.',
    sheets: ['Territory', 'Accounts'],
  },
];

/** Where the task pane fetches a template: same origin, next to the page (webpack copies assets/templates/). */
export function templateUrl(t: TemplateInfo): string {
  return `assets/templates/${t.id}.xlsx`;
}
