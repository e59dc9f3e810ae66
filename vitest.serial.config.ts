import base, { SERIAL_TESTS } from './vitest.config.js';

/**
 * The tests of SERIAL_TESTS (see vitest.config.ts), one file at a time, after the other tests.
 * `npx vitest run --config vitest.serial.config.ts`
 */
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
