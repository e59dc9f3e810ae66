#!/usr/bin/env node
// `npm test`: lint, build, type-check the tests and the dashboard, check the dashboard's size budget,
// then every test with coverage, then the heavy ones (security suite, scale-out faults, fuzz) one file
// at a time, then the browser tests against a real server process.
// Tests that need PostgreSQL, Redis or Chromium run when those are reachable; otherwise they are
// skipped and this script says so loudly. With CI=true nothing may be skipped: a missing service fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

const env = { ...process.env };
env.TICKDECK_TEST_PG_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
env.TICKDECK_TEST_REDIS_URL ??= 'redis://127.0.0.1:6379';
env.TICKDECK_TEST_CHROMIUM ??= '/usr/bin/chromium';
const ci = env.CI === 'true' || env.CI === '1';

function reachable(url, defaultPort) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || defaultPort) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const services = [
  [
    'PostgreSQL',
    'TICKDECK_TEST_PG',
    await reachable(env.TICKDECK_TEST_PG_URL, 5432),
    env.TICKDECK_TEST_PG_URL,
  ],
  [
    'Redis',
    'TICKDECK_TEST_REDIS',
    await reachable(env.TICKDECK_TEST_REDIS_URL, 6379),
    env.TICKDECK_TEST_REDIS_URL,
  ],
  ['Chromium', 'TICKDECK_TEST_BROWSER', existsSync(env.TICKDECK_TEST_CHROMIUM), env.TICKDECK_TEST_CHROMIUM],
];
const missing = services.filter(([, , ok]) => !ok);
for (const [, flag, ok] of services) env[flag] = ok ? '1' : '0';

if (missing.length > 0) {
  const lines = missing.map(([name, , , where]) => `  - ${name} (${where}): its tests will be SKIPPED`);
  console.error(
    ['', '!'.repeat(72), '  Not available on this machine:', ...lines, '!'.repeat(72), ''].join('\n'),
  );
  if (ci) {
    console.error('CI=true: nothing may be skipped. Start the services above (see .ci/run) and try again.');
    process.exit(1);
  }
}

const started = Date.now();
const timings = [];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const summary = () => timings.map(([what, ms]) => `  ${seconds(ms).padStart(8)}  ${what}`).join('\n');
const run = (cmd, args) => {
  const what = `${cmd} ${args.join(' ')}`;
  console.log(`\n$ ${what}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  timings.push([what, Date.now() - t0]);
  if (r.status !== 0) {
    console.error(`\nFAILED: ${what} (exit ${r.status ?? r.signal}); steps so far:\n${summary()}`);
    process.exit(r.status ?? 1);
  }
};

run('npx', ['eslint', '.']);
run('npx', ['prettier', '--check', '.']);
run('npm', ['run', 'build']);
// The build compiles what ships; these also type-check the tests and the dashboard.
run('npx', ['tsc', '-p', 'tsconfig.tests.json']);
run('npx', ['tsc', '-p', 'apps/web/tsconfig.json']);
run('node', ['apps/web/scripts/check-size.mjs']);
run('npx', ['vitest', 'run', '--coverage', ...process.argv.slice(2)]);
run('npx', ['vitest', 'run', '--config', 'vitest.serial.config.ts']);
run('npx', ['vitest', 'run', '--config', 'apps/web/vitest.e2e.config.ts']);

console.log(`\nnpm test passed in ${seconds(Date.now() - started)}:\n${summary()}`);

if (missing.length > 0) {
  console.error(`\nSKIPPED: tests needing ${missing.map(([n]) => n).join(', ')} did not run (see above).`);
}
