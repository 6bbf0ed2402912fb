/** Jest: TypeScript through SWC (type checking is `npm run lint`), node by default, jsdom per file where needed. */
module.exports = {
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(office-addin-mock)/)'],
  moduleNameMapper: {
    '\\.(css|png|svg)$': '<rootDir>/test/support/asset-stub.js',
    // office-addin-mock needs only OfficeApp from office-addin-manifest, whose full entry pulls in ESM-only packages
    // (uuid, strip-bom, node-fetch) that jest 30 on Node 20 cannot require(): map it to the plain CommonJS file.
    // numfmt 4.0.1's package.json sends require() to dist/index.cjs, which its tarball lacks; its CommonJS build is
    // dist/index.js (the same mapping is in tsconfig.json "paths" for tsc and tsx).
    '^numfmt$': '<rootDir>/node_modules/numfmt/dist/index.js',
    '^office-addin-manifest$': '<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js',
  },
  testEnvironment: 'node',
  testTimeout: 20000,
};
