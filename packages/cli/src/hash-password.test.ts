import { Readable } from 'node:stream';
import { verifyPassword } from '@tickdeck/server';
import { describe, expect, it } from 'vitest';
import { runHashPassword } from './hash-password.js';

const run = async (input: string) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runHashPassword({
    stdin: Readable.from([Buffer.from(input)]),
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
  });
  return { code, out: out.join(''), err: err.join('') };
};

describe('tickdeck hash-password', () => {
  it('prints an argon2id hash of the password read from stdin, without its final newline', async () => {
    const r = await run('correct horse battery\n');
    expect(r.code).toBe(0);
    const hash = r.out.trim();
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery\n')).toBe(false);
    expect(r.out).not.toContain('horse');
  });

  it('refuses an empty or short password', async () => {
    expect((await run('')).code).toBe(2);
    expect((await run('short\n')).err).toMatch(/at least 8/);
  });
});
