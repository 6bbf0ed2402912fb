/**
 * `npm run audit:deps`: npm audit of the production dependencies, failing on a high or critical advisory.
 * Where the npm advisory service cannot be reached (offline build machines; some registry mirrors answer 405),
 * it says so and exits 0: the check is then "not run", never "passed".
 */
import { spawnSync } from 'child_process';

const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report: {
  metadata?: { vulnerabilities?: Record<string, number> };
  error?: { summary?: string };
  message?: string;
} = {};
try {
  report = JSON.parse(r.stdout || '{}');
} catch {
  report = {};
}
const v = report.metadata?.vulnerabilities;
if (!v) {
  const why =
    report.error?.summary ||
    report.message ||
    (r.stderr || '').split('\n').find((l) => /error/i.test(l)) ||
    'no report';
  console.log(`audit:deps NOT RUN: the npm advisory service could not be reached (${why.trim()})`);
  process.exit(0);
}
console.log(`audit:deps production dependencies: ${JSON.stringify(v)}`);
process.exit((v.high ?? 0) + (v.critical ?? 0) > 0 ? 1 : 0);
