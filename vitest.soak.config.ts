import base from './vitest.config.js';

// Soak and fuzz tests (`*.soak.test.ts`): they load the machine on purpose, so they run one file at a
// time, after the other tests, where their load cannot slow another test past its limits.
// `npx vitest run --config vitest.soak.config.ts`
export default {
  ...base,
  test: {
    ...base.test,
    include: ['packages/*/src/**/*.soak.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    fileParallelism: false,
    coverage: { ...base.test?.coverage, enabled: false },
  },
};
