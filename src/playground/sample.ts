/** The sample planning workbook (derived from the public-domain CRM data by scripts/build-sample.ts). */
import { createEngine } from '../hosts/headless/engine';
import { HeadlessWorkbook } from '../hosts/headless/workbook';
import sample from './sample/planning.json';

export interface SampleLayout {
  widths: Record<string, number[]>;
  boldRows: Record<string, number[]>;
  inputs: Record<string, string[]>;
}

/** A fresh headless workbook over the sample, computed. */
export function loadSample(): { workbook: HeadlessWorkbook; layout: SampleLayout; cells: typeof sample.cells } {
  const engine = createEngine(sample.sheets as Record<string, (string | number | boolean | null)[][]>);
  return {
    workbook: new HeadlessWorkbook(engine),
    layout: { widths: sample.widths, boldRows: sample.boldRows, inputs: sample.inputs },
    cells: sample.cells,
  };
}
