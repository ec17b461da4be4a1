import type { ServerResponse } from 'node:http';

/**
 * Headers every answer carries. The API answers JSON, never HTML meant to run, so its CSP forbids
 * everything; pages (the playground, the landing page) set their own, stricter-than-default CSP.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('content-security-policy', API_CSP);
}
