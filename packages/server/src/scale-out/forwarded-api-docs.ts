/**
 * A gateway's /docs lists the routes it serves itself; the analytics and key routes it forwards are
 * the collector's. This reads the collector's OpenAPI document (`/docs/json`) and adds those routes'
 * paths, and the schemas they refer to, to the gateway's document, so /docs on any gateway shows the
 * whole API. The collector is asked at start and, until it answers, every `retryMs`; the gateway's
 * document is kept by @fastify/swagger once built, so it is completed in place when the answer comes.
 * @example
 * const docs = new ForwardedApiDocs({ url: collectorUrl, prefixes: FORWARDED_PATH_PREFIXES });
 * docs.start(); // then buildApp({ …, openapi: docs.merge })
 * @module
 */
import type { OpenApiDocument } from '../app-deps.js';

export interface ForwardedApiDocsOptions {
  /** http(s)://host:port of the collector. */
  url: string;
  /** Paths starting with one of these are taken from the collector. */
  prefixes: readonly string[];
  /** Between two tries while the collector does not answer, ms. Default 10000. */
  retryMs?: number;
  /** Reports a failed try: the first, then every sixth (once a minute at the default retry). */
  onError?: (error: unknown) => void;
}

const owns = (prefixes: readonly string[], path: string): boolean =>
  prefixes.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`));

export class ForwardedApiDocs {
  private doc: OpenApiDocument | undefined;
  private collector: OpenApiDocument | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private failures = 0;

  constructor(private readonly o: ForwardedApiDocsOptions) {}

  /** Whether the collector's routes are in (for tests and logs). */
  get complete(): boolean {
    return this.collector !== undefined;
  }

  /** Ask the collector now, and again every `retryMs` until it answers. */
  start(): void {
    void this.fetchOnce();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** For `buildApp({ openapi })`: the gateway's document, with the forwarded routes once known. */
  readonly merge = (doc: OpenApiDocument): OpenApiDocument => {
    this.doc = doc;
    this.apply();
    return doc;
  };

  private async fetchOnce(): Promise<void> {
    try {
      const res = await fetch(new URL('/docs/json', this.o.url), { signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`collector answered HTTP ${res.status} for /docs/json`);
      this.collector = (await res.json()) as OpenApiDocument;
      this.apply();
    } catch (error) {
      if (this.failures % 6 === 0) this.o.onError?.(error);
      this.failures += 1;
      if (!this.stopped) {
        this.timer = setTimeout(() => void this.fetchOnce(), this.o.retryMs ?? 10_000);
        this.timer.unref();
      }
    }
  }

  private apply(): void {
    const doc = this.doc;
    const from = this.collector;
    if (doc === undefined || from === undefined) return;
    const paths = (doc.paths ??= {});
    // The forwarding routes' own entries (wildcards without schemas) give way to the real ones.
    for (const path of Object.keys(paths)) if (owns(this.o.prefixes, path)) delete paths[path];
    for (const [path, item] of Object.entries(from.paths ?? {})) {
      if (owns(this.o.prefixes, path)) paths[path] = item;
    }
    const schemas = from.components?.schemas ?? {};
    if (Object.keys(schemas).length > 0) {
      doc.components ??= {};
      doc.components.schemas = { ...schemas, ...doc.components.schemas };
    }
  }
}
