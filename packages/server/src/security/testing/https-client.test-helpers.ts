/** A small HTTPS client trusting one CA (a test's self-signed certificate), for loopback servers. */
import { request } from 'node:https';

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function httpsRequest(
  url: string,
  o: { ca: Buffer; method?: string; headers?: Record<string, string>; body?: unknown },
): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const payload = o.body === undefined ? undefined : JSON.stringify(o.body);
    const req = request(
      url,
      {
        method: o.method ?? 'GET',
        ca: o.ca,
        headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...o.headers },
        timeout: 10_000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}
