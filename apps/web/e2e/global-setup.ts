/**
 * Starts one tickdeck server for every browser test file and hands its URL to them (or the reason
 * the tests cannot run).
 */
import type { TestProject } from 'vitest/node';
import { e2eSkipReason, startServer } from './harness.js';
import type { ServerHandle } from './harness.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server under test, '' when skipping. */
    baseUrl: string;
    /** Why the browser tests are skipped, '' when they run. */
    skipReason: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const reason = e2eSkipReason();
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  if (reason !== undefined && ci) throw new Error(`CI=true: browser tests may not be skipped: ${reason}`);
  let server: ServerHandle | undefined;
  if (reason === undefined) server = await startServer();
  project.provide('baseUrl', server?.baseUrl ?? '');
  project.provide('skipReason', reason ?? '');
  if (reason !== undefined) console.warn(`\nBrowser tests SKIPPED: ${reason}\n`);
  return async () => {
    await server?.stop();
  };
}
