/**
 * bench:store — candle upserts/s (one by one, and in batches) and the time to read the newest 1000
 * candles, on PGlite in memory, PGlite on disk and PostgreSQL, side by side in one run.
 *
 * PostgreSQL: TICKDECK_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); the bench
 * creates its own database there and drops it at the end.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openPgliteHistoryStore, openPostgresHistoryStore, type HistoryStore } from '@tickdeck/server';
import { measureStore, type StoreFigures } from './lib/store-scenarios.js';

const BATCHES = [1, 100, 1000] as const;
const ROWS: Record<number, number> = { 1: 2000, 100: 20_000, 1000: 50_000 };
const READS = 50;
const pgUrl = process.env.TICKDECK_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Target {
  name: string;
  open(): Promise<{ store: HistoryStore; cleanup(): Promise<void> }>;
}

const targets: Target[] = [
  {
    name: 'PGlite (memory)',
    open: async () => {
      const store = await openPgliteHistoryStore({ inMemory: true });
      return { store, cleanup: () => store.close() };
    },
  },
  {
    name: 'PGlite (disk)',
    open: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'tickdeck-bench-'));
      const store = await openPgliteHistoryStore({ dataDir: join(dir, 'db') });
      return {
        store,
        cleanup: async () => {
          await store.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const name = `tickdeck_bench_${process.pid}_${Date.now()}`;
      const admin = async (sql: string) => {
        const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
        await client.connect();
        try {
          await client.query(sql);
        } finally {
          await client.end();
        }
      };
      await admin(`CREATE DATABASE ${name}`);
      const url = new URL(pgUrl);
      url.pathname = `/${name}`;
      const store = await openPostgresHistoryStore({ url: url.toString(), poolSize: 4 });
      return {
        store,
        cleanup: async () => {
          await store.close();
          await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        },
      };
    },
  },
];

type Result = { name: string; openMs: number; figures: StoreFigures } | { name: string; error: string };

const results: Result[] = [];
for (const target of targets) {
  process.stderr.write(`${target.name}… `);
  try {
    const start = performance.now();
    const { store, cleanup } = await target.open();
    const openMs = performance.now() - start;
    try {
      const figures = await measureStore(store, {
        batchSizes: BATCHES,
        rowsFor: (b) => ROWS[b]!,
        reads: READS,
      });
      results.push({ name: target.name, openMs, figures });
    } finally {
      await cleanup();
    }
    process.stderr.write('done\n');
  } catch (err) {
    results.push({ name: target.name, error: (err as Error).message });
    process.stderr.write(`failed: ${(err as Error).message}\n`);
  }
}

const ok = results.filter((r): r is Extract<Result, { figures: StoreFigures }> => 'figures' in r);
const base = ok.find((r) => r.name === 'PostgreSQL');
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rows: [string, (r: (typeof ok)[number]) => number, number, boolean][] = [
  ['open + migrate (ms)', (r) => r.openMs, 0, false],
  ...BATCHES.map((b): [string, (r: (typeof ok)[number]) => number, number, boolean] => [
    b === 1 ? 'upserts/s, one by one' : `upserts/s, batches of ${b}`,
    (r) => r.figures.upsertsPerSec[b]!,
    0,
    true,
  ]),
  [`read newest 1000, p50 (ms, ${READS} reads)`, (r) => r.figures.readLatest1000.p50, 2, false],
  [`read newest 1000, p99 (ms, ${READS} reads)`, (r) => r.figures.readLatest1000.p99, 2, false],
];

const others = ok.filter((r) => r !== base);
const header = [
  'measure',
  ...ok.map((r) => r.name),
  ...(base ? others.map((r) => `${r.name} ÷ PostgreSQL`) : []),
];
const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
for (const [label, get, digits] of rows) {
  const ratios = base ? others.map((r) => `${fmt(get(r) / get(base), 2)}×`) : [];
  lines.push(`| ${[label, ...ok.map((r) => fmt(get(r), digits)), ...ratios].join(' | ')} |`);
}

console.log(
  `\n## bench:store — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}\n`,
);
console.log(
  `Rows written per measure: one by one ${ROWS[1]}, batches of 100: ${ROWS[100]}, batches of 1000: ${ROWS[1000]}.`,
);
console.log('Ratios above 1 mean more upserts/s, or a longer time, than PostgreSQL.\n');
console.log(lines.join('\n'));
for (const r of results) if ('error' in r) console.log(`\n${r.name}: not measured (${r.error})`);
