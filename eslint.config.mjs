// Lint: TypeScript rules plus the layer rules that keep the house readable.
import tseslint from 'typescript-eslint';

const noEval = {
  'no-eval': 'error',
  'no-implied-eval': 'error',
  'no-new-func': 'error',
  'no-restricted-properties': ['error', { object: 'window', property: 'eval' }, { object: 'globalThis', property: 'eval' }],
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
      'no-restricted-imports': ['error', { patterns: [
        { group: ['hyperformula', 'react', 'react-dom', '@fluentui/*', 'office-*', '@microsoft/*', 'exceljs', 'jszip'], message: 'src/models is pure math: no Office, React, engine or file imports.' },
        { group: ['../functions/**', '../hosts/**', '../taskpane/**', '../cli/**', '../functions', '../hosts', '../taskpane', '../cli'], message: 'src/models must not import other layers.' },
      ] }],
      // no process either: the models run in Web Workers and the Excel runtime too, and tuning knobs read from the
      // environment would make results depend on the machine
      'no-restricted-globals': ['error', 'Excel', 'Office', 'CustomFunctions', 'window', 'document', 'process'],
    },
  },
  {
    // Declarations: models + cleaning only.
    files: ['src/functions/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['hyperformula', 'react', 'react-dom', '@fluentui/*', '../hosts/**', '../taskpane/**', '../cli/**'], message: 'declarations call models only; hosts adapt them.' },
      ] }],
      'no-restricted-globals': ['error', 'Excel', 'Office', 'CustomFunctions'],
    },
  },
  {
    // The task pane talks to the workbook through the Workbook interface only, and never bundles HyperFormula.
    files: ['src/taskpane/**/*.ts', 'src/taskpane/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['hyperformula', '**/hosts/headless/**'], message: 'HyperFormula (GPL) must stay out of the task pane bundle; take a Workbook via props/context.' },
      ] }],
      'no-restricted-globals': ['error', 'Excel'],
    },
  },
  {
    // The xlsx layer (zip + XML): no formula engine, so the CLI can read a workbook without loading HyperFormula and
    // the task pane can rename a template's sheets; no host or UI either.
    files: ['src/xlsx/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['hyperformula', 'react', 'react-dom', '@fluentui/*', '../hosts/**', '../taskpane/**', '../cli/**', '../audit/**'], message: 'src/xlsx is the zip and XML layer: no engine, host, UI or audit imports.' },
      ] }],
    },
  },
  {
    // The Excel adapters serve the task pane; they never import it.
    files: ['src/hosts/excel/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['hyperformula', '**/taskpane/**', '**/hosts/headless/**'], message: 'hosts/excel adapts Office.js: no task pane, no HyperFormula.' },
      ] }],
    },
  },
);
