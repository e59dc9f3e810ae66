/**
 * Where traders may send notifications: a rule's own webhooks and the test route's `url` are
 * requests the server makes to an address a trader chose. `webhookHosts` (configuration) lists the
 * hosts allowed; empty, any host is (the default). The configured global webhooks are always sent
 * to: the operator chose those.
 * @example
 * webhookHostAllowed('https://hooks.slack.com/services/T/B/x', ['hooks.slack.com']); // true
 * webhookHostAllowed('http://169.254.169.254/latest', ['hooks.slack.com']); // false
 * @module
 */

/**
 * Whether `url` may be sent to. An entry is a host name or address (any port) or `host:port`;
 * `*.example.com` allows every subdomain of example.com. Names compare without case.
 */
export function webhookHostAllowed(url: string, hosts: readonly string[]): boolean {
  if (hosts.length === 0) return true;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const host = u.hostname.toLowerCase();
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return hosts.some((entry) => {
    const e = entry.toLowerCase();
    const colon = e.startsWith('[') ? e.indexOf(']:') + 1 : e.lastIndexOf(':');
    const [name, entryPort] =
      colon > 0 && /^\d+$/.test(e.slice(colon + 1))
        ? [e.slice(0, colon), e.slice(colon + 1)]
        : [e, undefined];
    if (entryPort !== undefined && entryPort !== port) return false;
    if (name.startsWith('*.')) return host.endsWith(name.slice(1));
    return host === name;
  });
}
