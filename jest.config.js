/** Jest: TypeScript through SWC (type checking is `npm run lint`), node by default, jsdom per file where needed. */
module.exports = {
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(office-addin-mock)/)'],
  moduleNameMapper: {
    '\\.(css|png|svg)$': '<rootDir>/test/support/asset-stub.js',
  },
  testEnvironment: 'node',
  testTimeout: 20000,
};
