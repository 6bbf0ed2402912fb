/**
 * `npm run fidelity -- <files or folders> [--json] [--details N] [--all]`: recalculates every workbook Excel saved
 * (.xlsx, folders searched recursively) and compares each formula cell with Excel's cached value. Prints, per folder
 * (category) and per workbook below 100%, the share of cells equal to Excel's, the causes of the differences and the
 * first differing cells; the last line is the total. Exit 1 when a workbook could not be measured (an aborted run).
 */
import * as fs from 'fs';
import * as path from 'path';
import { causes, measureWorkbook, totals, type WorkbookFidelity } from '../src/fidelity/fidelity';

function xlsxFiles(p: string): string[] {
  const stat = fs.statSync(p);
  if (stat.isFile()) return [p];
  return fs
    .readdirSync(p)
    .sort()
    .flatMap((name) => {
      const child = path.join(p, name);
      if (fs.statSync(child).isDirectory()) return xlsxFiles(child);
      return /\.xlsx$/i.test(name) && !name.startsWith('~$') ? [child] : [];
    });
}

const pct = (equal: number, cells: number) => (cells ? ((100 * equal) / cells).toFixed(2) : '100.00') + '%';

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const all = argv.includes('--all');
  const detailsAt = argv.indexOf('--details');
  const details = detailsAt >= 0 ? Number(argv[detailsAt + 1]) : 5;
  const inputs = argv.filter((a, i) => !a.startsWith('--') && !(detailsAt >= 0 && i === detailsAt + 1));
  if (!inputs.length) {
    process.stderr.write('usage: npm run fidelity -- <files or folders> [--json] [--details N] [--all]\n');
    return 2;
  }
  const results: (WorkbookFidelity & { group: string })[] = [];
  for (const input of inputs) {
    const root = fs.statSync(input).isDirectory() ? input : path.dirname(input);
    for (const file of xlsxFiles(input)) {
      const rel = path.relative(root, file);
      const group = rel.includes(path.sep) ? rel.split(path.sep)[0] : path.basename(root);
      const r = await measureWorkbook(rel, fs.readFileSync(file));
      results.push({ ...r, group });
    }
  }
  if (json) {
    process.stdout.write(
      JSON.stringify({ totals: totals(results), causes: causes(results), workbooks: results }, null, 1) + '\n',
    );
  } else {
    const groups = [...new Set(results.map((r) => r.group))];
    if (groups.length > 1) {
      process.stdout.write('by folder:\n');
      for (const g of groups) {
        const t = totals(results.filter((r) => r.group === g));
        process.stdout.write(
          `  ${g.padEnd(24)} ${pct(t.equal, t.cells).padStart(8)}  ${t.equal} of ${t.cells}; computed ${pct(t.equal - t.kept, t.cells)}, kept ${t.kept}${t.aborted ? `, ${t.aborted} aborted` : ''}\n`,
        );
      }
    }
    process.stdout.write('workbooks below 100%:\n');
    for (const r of results) {
      const t = totals([r]);
      if (!all && !r.aborted && t.differ === 0) continue;
      process.stdout.write(
        `  ${r.file}: ${r.aborted ? 'ABORTED: ' + r.aborted : `${pct(t.equal, t.cells)} (${t.differ} of ${t.cells} differ${r.kept ? `, ${r.kept} kept` : ''}) ${r.ms} ms`}\n`,
      );
      const c = causes([r])
        .slice(0, 4)
        .map(([cause, n]) => `${cause} ${n}`)
        .join(', ');
      if (c) process.stdout.write(`    causes: ${c}\n`);
      for (const d of r.differences.slice(0, details))
        process.stdout.write(`    ${d.sheet}!${d.address} ${d.formula}  excel ${d.excel}  ours ${d.ours}\n`);
    }
    process.stdout.write(
      'causes overall: ' +
        causes(results)
          .slice(0, 25)
          .map(([cause, n]) => `${cause} ${n}`)
          .join(', ') +
        '\n',
    );
  }
  const t = totals(results);
  process.stdout.write(
    `fidelity: ${t.equal} of ${t.cells} formula cells equal Excel's (${pct(t.equal, t.cells)}): ${t.equal - t.kept} computed (${pct(t.equal - t.kept, t.cells)}), ${t.kept} kept at Excel's value; ${results.length} workbooks, ${t.aborted} aborted\n`,
  );
  return t.aborted ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`fidelity: ${String(e?.stack ?? e)}\n`);
    process.exitCode = 1;
  },
);
