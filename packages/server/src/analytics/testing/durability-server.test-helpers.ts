/**
 * A minimal tickdeck process for the durability test: PGlite in the directory given as argv[2], the
 * analytics plugin on an ephemeral port, which it prints as `PORT <n>` on stdout once listening.
 * Run with `node --import tsx`.
 */
import { mkdir } from 'node:fs/promises';
import { runMigrations } from '../../store/sql/migrations.js';
import { openPgliteDatabase } from '../../store/pglite/pglite-history-store.js';
import { startAnalytics } from './analytics-app.test-helpers.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: durability-server <dataDir>');
await mkdir(dir, { recursive: true });
const db = await openPgliteDatabase({ dataDir: dir });
await runMigrations(db);
const t = await startAnalytics(db, undefined, { listen: true });
const { port } = t.app.server.address() as { port: number };
process.stdout.write(`PORT ${port}\n`);
