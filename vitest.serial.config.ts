import base from './vitest.config.js';

/**
 * Tests that load the machine on purpose or start whole servers: the fuzz test (`*.soak.test.ts`) and
 * the security suite's integration tests. They run one file at a time, after the other tests, where
 * their load cannot push a timing-sensitive test past its limits.
 * `npx vitest run --config vitest.serial.config.ts`
 */
export const SERIAL_TESTS = [
  'packages/*/src/**/*.soak.test.ts',
  'packages/server/src/security/**/*.integration.test.ts',
];

export default {
  ...base,
  test: {
    ...base.test,
    include: SERIAL_TESTS,
    exclude: ['**/node_modules/**', '**/dist/**'],
    fileParallelism: false,
    coverage: { ...base.test?.coverage, enabled: false },
  },
};
