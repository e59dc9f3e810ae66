import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Tests that load the machine on purpose or start whole deployments: the fuzz test, the security
 * suite's integration tests, the scale-out fault tests. They run one file at a time, after the other
 * tests (vitest.serial.config.ts), where their load cannot push a timing-sensitive test past its limits.
 */
export const SERIAL_TESTS = [
  'packages/*/src/**/*.soak.test.ts',
  'packages/server/src/security/**/*.integration.test.ts',
  'packages/cli/src/scale-out/**/*.integration.test.ts',
];

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@tickdeck/protocol': src('protocol'),
      '@tickdeck/core': src('core'),
      '@tickdeck/client': src('client'),
      '@tickdeck/server': src('server'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/web/src/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', ...SERIAL_TESTS],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts', 'apps/web/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/*.contract.ts', '**/*.test-helpers.ts', '**/index.ts', '**/main.ts'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: {
        'packages/core/src/**': { lines: 90 },
        'packages/protocol/src/**': { lines: 90 },
        'packages/client/src/**': { lines: 90 },
      },
    },
  },
});
