import ids from 'maillage:documents';

/** A trusted document of src/widgets/documents, by file name. */
export type DocumentName = keyof typeof ids;

/** maillage's origin: the one this module was loaded from (a partner loads it from maillage). */
export const MODULE_ORIGIN = new URL(import.meta.url).origin;

export type FailureKind = 'network' | 'refused';

/** Why a request failed: `network` (maillage unreachable, worth a retry) or `refused` (an HTTP or GraphQL error). */
export class ApiError extends Error {
  constructor(readonly kind: FailureKind, message: string) {
    super(message);
  }
}

/** Answers by URL, shared by the widgets of a page; failures are forgotten so that a retry refetches. */
const answers = new Map<string, Promise<unknown>>();

/**
 * Runs a trusted document: GET /graphql?documentId=sha256:…&variables=…, no custom header (so no CORS
 * preflight), no cookie. The document text is not in the bundle, only its id.
 */
export function run<T>(origin: string, document: DocumentName, variables: Record<string, unknown>): Promise<T> {
  const clean = Object.fromEntries(Object.entries(variables).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const url = `${origin}/graphql?documentId=${ids[document]}&variables=${encodeURIComponent(JSON.stringify(clean))}`;
  let answer = answers.get(url);
  if (!answer) {
    answer = fetchData(url);
    answers.set(url, answer);
    answer.catch(() => answers.delete(url));
  }
  return answer as Promise<T>;
}

async function fetchData(url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit', mode: 'cors' });
  } catch (error) {
    throw new ApiError('network', String(error));
  }
  let body: { data?: unknown; errors?: { message: string }[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status >= 500 ? 'network' : 'refused', `HTTP ${response.status}`);
  }
  if (!response.ok || body.errors?.length || body.data == null) {
    throw new ApiError(response.status >= 500 ? 'network' : 'refused', body.errors?.[0]?.message ?? `HTTP ${response.status}`);
  }
  return body.data;
}

/** Today in Europe/Paris (the API's calendar), YYYY-MM-DD. */
export function todayInParis(offsetDays = 0): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  if (!offsetDays) return day;
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offsetDays);
  return date.toISOString().slice(0, 10);
}
