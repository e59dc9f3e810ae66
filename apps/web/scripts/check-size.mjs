#!/usr/bin/env node
// Size budget of the dashboard's initial JavaScript: the entry chunk and every chunk it imports
// statically, gzip'd, from dist/.vite/manifest.json (run `vite build` first). Chunks loaded with
// import() (the symbol and system pages) are reported but not counted.
// Usage: node apps/web/scripts/check-size.mjs [--budget-kb 250]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const flag = process.argv.indexOf('--budget-kb');
const budgetKb = flag > 0 ? Number(process.argv[flag + 1]) : 250;

let manifest;
try {
  manifest = JSON.parse(readFileSync(`${dist}.vite/manifest.json`, 'utf8'));
} catch (error) {
  console.error(
    `check-size: cannot read ${dist}.vite/manifest.json (${error.message}); run the web build first.`,
  );
  process.exit(2);
}

const gz = (file) => gzipSync(readFileSync(`${dist}${file}`), { level: 9 }).length;
const initial = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(key)) return;
  initial.add(key);
  for (const dep of chunk.imports ?? []) visit(dep);
};
for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
if (initial.size === 0) {
  console.error('check-size: no entry chunk in the manifest');
  process.exit(2);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
let total = 0;
console.log('initial JavaScript (gzip):');
for (const key of initial) {
  const size = gz(manifest[key].file);
  total += size;
  console.log(`  ${manifest[key].file.padEnd(40)} ${kb(size)}`);
}
console.log('loaded on demand (gzip, not counted):');
for (const [key, chunk] of Object.entries(manifest)) {
  if (!initial.has(key) && chunk.file.endsWith('.js'))
    console.log(`  ${chunk.file.padEnd(40)} ${kb(gz(chunk.file))}`);
}
const ok = total <= budgetKb * 1024;
console.log(`total initial: ${kb(total)} of ${budgetKb} KB budget: ${ok ? 'OK' : 'OVER BUDGET'}`);
process.exit(ok ? 0 : 1);
