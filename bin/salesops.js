#!/usr/bin/env node
// `npx salesops ...`: runs the TypeScript CLI (src/cli/main.ts) through tsx's require hook, installed by `npm ci`.
'use strict';
const path = require('path');

let main;
try {
  // The project's tsconfig wherever the command runs from: its "paths" map numfmt to the CommonJS build that
  // numfmt 4.0.1 ships (its package.json points require() at a dist/index.cjs the package lacks).
  process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || path.join(__dirname, '..', 'tsconfig.json');
  require('tsx/cjs/api').register();
  ({ main } = require(path.join(__dirname, '..', 'src', 'cli', 'main.ts')));
} catch (e) {
  process.stderr.write(
    `salesops: cannot start: ${String((e && e.message) || e).split('\n')[0]} (run npm ci in the project folder)\n`,
  );
  process.exit(1);
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`salesops: internal error: ${String((e && e.message) || e).split('\n')[0]}\n`);
    process.exitCode = 1;
  },
);
