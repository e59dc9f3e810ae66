/** The gateway's WebSocket URL for a page URL: same host and port, path `/ws`, ws: or wss:. */
export const gatewayUrl = (pageHref: string): string => {
  const url = new URL('/ws', pageHref);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  url.hash = '';
  return url.toString();
};
