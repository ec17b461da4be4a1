import type { IncomingMessage } from 'node:http';

/**
 * The client a request comes from, for counting failed authentications: the peer's address, or
 * with `trustProxy` (MAILLAGE_TRUST_PROXY=true, src/edge/config.ts: maillage behind one reverse proxy) the last address of
 * X-Forwarded-For, the one that proxy appended (earlier entries are whatever the client sent).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const value = Array.isArray(header) ? header.at(-1) : header;
    const last = value?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
