import type { DocumentNode } from 'graphql';

/**
 * What the edge works out from a document and its variables alone (its cost, its argument checks),
 * kept with the document. Apollo hands every request of the same query text (or document id) the same
 * parsed DocumentNode, so an operation that partner pages repeat is analysed once per set of
 * variables instead of at every request: cost analysis and the input checks walked the whole document
 * each time, ~6 % of the community page's CPU.
 */
export class DocumentMemo<T> {
  readonly #byDocument = new WeakMap<DocumentNode, Map<string, T>>();

  /** `compute` when this document, operation and variables were not seen (or not kept). */
  get(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | undefined, compute: () => T): T {
    const key = keyOf(operationName, variables);
    if (key === undefined) return compute();
    let known = this.#byDocument.get(document);
    if (!known) this.#byDocument.set(document, (known = new Map()));
    if (known.has(key)) return known.get(key)!;
    const value = compute();
    // Bounded: a document called with ever new variables (a search box) starts over past the limit.
    if (known.size >= MAX_PER_DOCUMENT) known.clear();
    known.set(key, value);
    return value;
  }
}

const MAX_PER_DOCUMENT = 256;
/** Longer variables are not kept: their key would cost what it saves. */
const MAX_KEY = 2048;

/** A request's variables as text, written once for every memo that asks (the cost's and the checks'). */
const variablesText = new WeakMap<object, string>();

function keyOf(operationName: string | null | undefined, variables: Record<string, unknown> | undefined): string | undefined {
  let text = '';
  if (variables !== undefined) {
    const written = variablesText.get(variables);
    if (written === undefined) variablesText.set(variables, (text = JSON.stringify(variables)));
    else text = written;
  }
  const key = `${operationName ?? ''}\n${text}`;
  return key.length <= MAX_KEY ? key : undefined;
}
