/**
 * Generates, from the JSDoc of every `export function` tagged @customfunction in src/functions/*.ts:
 * - src/functions/generated/functions.json: Excel's custom-function metadata (custom-functions-metadata, the
 *   generator behind custom-functions-metadata-plugin), also copied into the Excel bundle by webpack;
 * - src/functions/generated/registry.ts: the declarations both hosts register (id, implementation, spill size,
 *   documented examples), so the headless engine and Excel are fed from the same source.
 * Run by `npm run gen` (and before build, start, test, bench, lint).
 */
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const dir = path.join(root, 'src/functions');
const outDir = path.join(dir, 'generated');

interface Tagged {
  functionName: string;
  file: string;
  examples: { formula: string; expected: string }[];
  errors: { code: string; when: string }[];
  spill: string | null;
  params: string[];
}

/** JSDoc blocks directly above `export function name(` with their tags (what custom-functions-metadata ignores). */
function scan(file: string): Tagged[] {
  const src = fs.readFileSync(file, 'utf8');
  const out: Tagged[] = [];
  // the doc block is one comment: it may not run on through an earlier helper's comment into the next block
  const re = /\/\*\*((?:[^*]|\*(?!\/))*)\*\/\s*export function (\w+)\s*\(([\s\S]*?)\)\s*:/g;
  for (let m; (m = re.exec(src));) {
    const doc = m[1]
      .split('\n')
      .map((l) => l.replace(/^\s*\* ?/, ''))
      .join('\n');
    if (!/@customfunction\b/i.test(doc)) continue;
    const examples = [...doc.matchAll(/@example\s+(=[^\n]*?)\s+returns\s+([^\n]+)/g)].map((e) => ({
      formula: e[1].trim(),
      expected: e[2].trim(),
    }));
    const errors = [...doc.matchAll(/^@error\s+(\S+)\s+(.+)$/gm)].map((e) => ({ code: e[1], when: e[2].trim() }));
    const spill = /@spill\s+([^\n]+)/.exec(doc)?.[1].trim() ?? null;
    const params = m[3]
      .split(',')
      .map((p) =>
        p
          .trim()
          .replace(/[?:].*$/s, '')
          .trim(),
      )
      .filter(Boolean);
    out.push({ functionName: m[2], file, examples, errors, spill, params });
  }
  return out;
}

/** Parses one side of `@spill <rows> x <cols>`: 5 | len(p) | rows(p) | cols(p) | len(p|3) | len(p)+1. */
function spillDim(text: string, params: string[], where: string): object {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { kind: 'const', n: Number(t) };
  const m = /^(len|rows|cols)\((\w+)(?:\|(\d+))?\)\s*(?:([+-])\s*(\d+))?$/.exec(t);
  if (!m) throw new Error(`${where}: cannot read @spill dimension '${t}'`);
  const param = params.indexOf(m[2]);
  if (param < 0) throw new Error(`${where}: @spill names '${m[2]}', which is not a parameter`);
  const plus = m[5] ? (m[4] === '-' ? -1 : 1) * Number(m[5]) : 0;
  return { kind: m[1], param, fallback: m[3] ? Number(m[3]) : 1, plus };
}

/** The declaration files and their tagged functions. */
function declarationFiles(): { files: string[]; tagged: Tagged[] } {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => path.join(dir, f));
  const tagged = files.flatMap(scan);
  return { files: files.filter((f) => tagged.some((t) => t.file === f)), tagged };
}

/**
 * Excel's functions.json for the declarations, exactly as `npm run gen` writes it (and webpack copies to
 * dist/functions.json); the Excel runtime contract test builds it with this same function.
 */
export async function generateFunctionsJson(): Promise<{
  json: string;
  associate: { functionName: string; id: string; sourceFileName: string }[];
}> {
  const { files } = declarationFiles();
  const result = await generateCustomFunctionsMetadata(
    files.map((f) => path.relative(root, f)),
    false,
  );
  if (result.errors.length) throw new Error(result.errors.join('\n'));
  const metadata = JSON.parse(result.metadataJson) as {
    functions: { id: string }[];
    allowErrorForDataTypeAny?: boolean;
  };
  // Error cells reach our functions (parameters are typed any), so a #N/A inside a range gets the same message in
  // Excel as in the headless engine ("stages row 3 holds #N/A") instead of Excel answering for us without a call.
  metadata.allowErrorForDataTypeAny = true;
  return { json: JSON.stringify(metadata, null, 2) + '\n', associate: result.associate };
}

async function main(): Promise<void> {
  const { files: withFunctions, tagged } = declarationFiles();
  const generated = await generateFunctionsJson();
  const result = { associate: generated.associate };
  const metadata = JSON.parse(generated.json) as { functions: { id: string }[] };
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'functions.json'), generated.json);

  const modules = withFunctions.map((f, i) => ({ alias: `m${i}`, rel: '../' + path.basename(f, '.ts'), file: f }));
  const entries = result.associate.map((a) => {
    const t = tagged.find((x) => x.functionName === a.functionName && path.resolve(root, a.sourceFileName) === x.file);
    if (!t) throw new Error(`no JSDoc found for ${a.functionName}`);
    const mod = modules.find((x) => x.file === t.file)!;
    const index = metadata.functions.findIndex((f) => f.id === a.id);
    let spill = 'null';
    if (t.spill) {
      const parts = t.spill.split(/\s+x\s+/);
      if (parts.length !== 2) throw new Error(`${a.id}: @spill must read '<rows> x <cols>'`);
      spill = JSON.stringify({ rows: spillDim(parts[0], t.params, a.id), cols: spillDim(parts[1], t.params, a.id) });
    }
    return `  {\n    id: ${JSON.stringify(a.id)},\n    functionName: ${JSON.stringify(a.functionName)},\n    sourceFile: ${JSON.stringify(path.relative(root, t.file))},\n    metadata: metadata.functions[${index}] as FunctionMetadata,\n    spill: ${spill},\n    examples: ${JSON.stringify(t.examples)},\n    errors: ${JSON.stringify(t.errors)},\n    implementation: ${mod.alias}.${a.functionName},\n  },`;
  });
  const ts = [
    '// Generated by scripts/gen-metadata.ts from the JSDoc in src/functions/*.ts. Do not edit; run `npm run gen`.',
    '/* eslint-disable */',
    "import type { Declaration, FunctionMetadata } from '../declaration';",
    "import metadata from './functions.json';",
    ...modules.map((m) => `import * as ${m.alias} from '${m.rel}';`),
    '',
    'export const declarations: Declaration[] = [',
    ...entries,
    '];',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(outDir, 'registry.ts'), ts);
  console.log(`gen: ${entries.length} SALESOPS functions -> src/functions/generated/{functions.json,registry.ts}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
