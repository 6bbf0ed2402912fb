// Lint: TypeScript rules plus the layer rules that keep the house readable.
import tseslint from 'typescript-eslint';

const noEval = {
  'no-eval': 'error',
  'no-implied-eval': 'error',
  'no-new-func': 'error',
  'no-restricted-properties': [
    'error',
    { object: 'window', property: 'eval' },
    { object: 'globalThis', property: 'eval' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/functions/generated/**', 'coverage/**', 'test-output/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      ...noEval,
      '@typescript-eslint/no-explicit-any': 'off', // custom-function signatures must say any[][]
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Pure planning math: no Office, React, formula engine or other layers.
    files: ['src/models/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'hyperformula',
                'react',
                'react-dom',
                '@fluentui/*',
                'office-*',
                '@microsoft/*',
                'exceljs',
                'jszip',
              ],
              message: 'src/models is pure math: no Office, React, engine or file imports.',
            },
            {
              group: [
                '../functions/**',
                '../hosts/**',
                '../taskpane/**',
                '../cli/**',
                '../functions',
                '../hosts',
                '../taskpane',
                '../cli',
              ],
              message: 'src/models must not import other layers.',
            },
          ],
        },
      ],
      // no process either: the models run in Web Workers and the Excel runtime too, and tuning knobs read from the
      // environment would make results depend on the machine
      'no-restricted-globals': ['error', 'Excel', 'Office', 'CustomFunctions', 'window', 'document', 'process'],
    },
  },
  {
    // Declarations: models + cleaning only.
    files: ['src/functions/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'hyperformula',
                'react',
                'react-dom',
                '@fluentui/*',
                '../hosts/**',
                '../taskpane/**',
                '../cli/**',
              ],
              message: 'declarations call models only; hosts adapt them.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Excel', 'Office', 'CustomFunctions'],
    },
  },
  {
    // The task pane talks to the workbook through the Workbook interface only, and never bundles HyperFormula.
    files: ['src/taskpane/**/*.ts', 'src/taskpane/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['hyperformula', '**/hosts/headless/**'],
              message: 'HyperFormula (GPL) must stay out of the task pane bundle; take a Workbook via props/context.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Excel'],
    },
  },
  // One-way arrows between the other rooms: each may use the rooms below it, never the ones above.
  ...[
    // The xlsx layer (zip + XML): no formula engine, so the CLI reads a workbook without loading HyperFormula and the
    // task pane can rename a template's sheets.
    [
      'src/xlsx/**/*.ts',
      [
        'hyperformula',
        'react',
        'react-dom',
        '@fluentui/*',
        '**/hosts/**',
        '**/taskpane/**',
        '**/cli/**',
        '**/audit/**',
      ],
      'src/xlsx is the zip and XML layer: no engine, host, UI or audit imports.',
    ],
    // The Excel adapters serve the task pane; they never import it.
    [
      'src/hosts/excel/**/*.ts',
      ['hyperformula', '**/taskpane/**', '**/hosts/headless/**'],
      'hosts/excel adapts Office.js: no task pane, no HyperFormula.',
    ],
    [
      'src/workbook/**/*.ts',
      [
        'hyperformula',
        'react',
        'react-dom',
        '@fluentui/*',
        '**/hosts/**',
        '**/taskpane/**',
        '**/cli/**',
        '**/audit/**',
        '**/diff/**',
        '**/xlsx/**',
        '**/fidelity/**',
      ],
      'src/workbook is the Workbook interface and A1 addresses: it imports no other layer.',
    ],
    [
      'src/audit/**/*.ts',
      ['hyperformula', 'react', 'react-dom', '@fluentui/*', '**/hosts/**', '**/taskpane/**', '**/cli/**', '**/diff/**'],
      'src/audit reads a workbook through the Workbook interface: no engine, host, UI or CLI.',
    ],
    [
      'src/diff/**/*.ts',
      ['hyperformula', 'react', 'react-dom', '@fluentui/*', '**/hosts/**', '**/taskpane/**', '**/cli/**'],
      'src/diff compares workbook snapshots: no engine, host, UI or CLI (the task pane bundles it).',
    ],
    [
      'src/hosts/headless/**/*.ts',
      [
        'react',
        'react-dom',
        '@fluentui/*',
        '**/taskpane/**',
        '**/hosts/excel/**',
        '**/cli/**',
        '**/audit/**',
        '**/diff/**',
      ],
      'hosts/headless adapts HyperFormula: no UI, Excel host, CLI or audit.',
    ],
    [
      'src/solver/**/*.ts',
      ['react', 'react-dom', '@fluentui/*', '**/hosts/**', '**/taskpane/**', '**/cli/**'],
      'src/solver runs HiGHS over the territory model only.',
    ],
    [
      'src/fidelity/**/*.ts',
      ['react', 'react-dom', '@fluentui/*', '**/taskpane/**', '**/cli/**'],
      'src/fidelity measures the headless host: no UI or CLI.',
    ],
    [
      'src/cli/**/*.ts',
      ['react', 'react-dom', '@fluentui/*', '**/taskpane/**', '**/hosts/excel/**'],
      'src/cli runs in Node: no task pane, no Office.js adapter.',
    ],
  ].map(([files, group, message]) => ({
    files: [files],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] },
  })),
);
