/**
 * The API token pasted in the playground: kept in sessionStorage only (gone when the browser session
 * ends, never written to localStorage or a cookie) and sent as `Authorization: Bearer …`.
 */
const KEY = 'maillage.token';

export function getToken(): string {
  try {
    return sessionStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function setToken(token: string): void {
  const value = token.trim().replace(/^Bearer\s+/i, '');
  try {
    if (value) sessionStorage.setItem(KEY, value);
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage disabled: the token lives as long as the page
  }
}

/** fetch that adds the session's token, unless the request already names an Authorization header. */
export const authorizedFetch: typeof fetch = (input, init = {}) => {
  const headers = new Headers(init.headers);
  const token = getToken();
  if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};
