/**
 * A small shared cache of public GET answers in front of execution: what a CDN does, in the
 * process, so that a GET repeated within its max-age (the same trusted document and variables,
 * from any client) costs no execution. Bounded by entries and bytes (least recently used first
 * out); an entry lives as long as its `Cache-Control: max-age`. Any request made with a token that
 * may have changed data (a POST with Authorization) empties it: edits are seen at once by this
 * process, and by others within the max-age, like a CDN would serve them.
 */
export interface CachedAnswer {
  status: number;
  body: string;
  headers: [string, string][];
  maxAge: number;
  cost: number | undefined;
  storedAt: number;
}

export class ResponseCache {
  private readonly entries = new Map<string, CachedAnswer>();
  private bytes = 0;

  constructor(private readonly maxEntries = 1000, private readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string, now = Date.now()): CachedAnswer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (now - entry.storedAt >= entry.maxAge * 1000) {
      this.bytes -= entry.body.length;
      return undefined;
    }
    this.entries.set(key, entry); // most recently used last
    return entry;
  }

  set(key: string, entry: CachedAnswer): void {
    if (entry.body.length > this.maxBytes / 8) return;
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.bytes -= previous.body.length;
    }
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [oldest, value] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= value.body.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}
