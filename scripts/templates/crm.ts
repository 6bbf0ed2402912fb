/** The Maven Analytics CRM sample (public domain, ../shared/data/crm/) as the templates read it. */
import * as fs from 'fs';
import * as path from 'path';
import Papa from 'papaparse';

export const CRM_DIR = path.resolve(__dirname, '../../../shared/data/crm');

export interface CrmDeal {
  id: string;
  agent: string;
  product: string;
  account: string;
  stage: string;
  engage: string;
  close: string;
  closeValue: number | null;
}

export function readCsv(file: string): Record<string, string>[] {
  const text = fs.readFileSync(path.join(CRM_DIR, file), 'utf8');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

export function crmDeals(): CrmDeal[] {
  return readCsv('sales_pipeline.csv').map((r) => ({
    id: r.opportunity_id,
    agent: r.sales_agent,
    product: r.product,
    account: r.account,
    stage: r.deal_stage,
    engage: r.engage_date,
    close: r.close_date,
    closeValue: r.close_value === '' ? null : Number(r.close_value),
  }));
}

/** List price by product name, with the pipeline's "GTXPro" spelling mapped to "GTX Pro". */
export function listPrices(): Map<string, number> {
  const m = new Map(readCsv('products.csv').map((r) => [r.product, Number(r.sales_price)]));
  m.set('GTXPro', m.get('GTX Pro')!);
  return m;
}

/** A deal's amount: the close value of a won deal, the product's list price otherwise (open and lost deals). */
export function dealAmount(d: CrmDeal, prices: Map<string, number>): number {
  return d.stage === 'Won' ? (d.closeValue ?? 0) : prices.get(d.product)!;
}

export const PIPELINE_STAGES: { stage: string; probability: number; category: string }[] = [
  { stage: 'Prospecting', probability: 0.1, category: 'Pipeline' },
  { stage: 'Engaging', probability: 0.4, category: 'Best Case' },
  { stage: 'Won', probability: 1, category: 'Closed' },
  { stage: 'Lost', probability: 0, category: 'Omitted' },
];

export const PIPELINE_INPUTS = {
  quota: 12_000_000,
  trials: 2000,
  seed: 1,
  agentQuota: 350_000,
  prevStart: '2017-07-01',
  prevEnd: '2017-09-30',
  curStart: '2017-10-01',
  curEnd: '2017-12-31',
};
