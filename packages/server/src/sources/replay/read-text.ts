/**
 * Reads a file as text chunks, gunzipping it when it starts with gzip's magic bytes (1f 8b) whatever
 * its name.
 * @module
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

/** True when the file starts with gzip's magic bytes. */
export async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** The file's text, chunk by chunk, decompressed if need be. Breaking out of the loop closes the file. */
export async function* readText(path: string, signal?: AbortSignal): AsyncGenerator<string> {
  const gz = await isGzip(path);
  const file = createReadStream(path, signal ? { signal } : {});
  const stream = gz ? file.pipe(createGunzip()) : file;
  stream.setEncoding('utf8');
  try {
    for await (const chunk of stream) yield chunk as string;
  } finally {
    file.destroy();
    if (stream !== file) stream.destroy();
  }
}
