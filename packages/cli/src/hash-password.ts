/**
 * `tickdeck hash-password`: reads a password from standard input (the whole input, without its final
 * newline, so `printf '%s' "$PW" | tickdeck hash-password` and typing it then Ctrl-D both work) and
 * prints its argon2id hash for `auth.users[].passwordHash`. The password is never an argument, so it
 * stays out of shell history and process lists.
 * @module
 */
import { hashPassword } from '@tickdeck/server';

export interface HashPasswordIo {
  stdin: AsyncIterable<Buffer | string>;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** Shortest password accepted, characters. */
export const MIN_PASSWORD_LENGTH = 8;
const MAX_INPUT_BYTES = 4096;

/** Resolves with the exit code. */
export async function runHashPassword(io: HashPasswordIo): Promise<number> {
  let input = '';
  for await (const chunk of io.stdin) {
    input += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (input.length > MAX_INPUT_BYTES) {
      io.stderr.write('tickdeck hash-password: input too long\n');
      return 2;
    }
  }
  const password = input.replace(/\r?\n$/, '');
  if (password.length < MIN_PASSWORD_LENGTH) {
    io.stderr.write(
      `tickdeck hash-password: give a password of at least ${MIN_PASSWORD_LENGTH} characters on standard input\n`,
    );
    return 2;
  }
  io.stdout.write(`${await hashPassword(password)}\n`);
  return 0;
}
