import 'reflect-metadata';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres.js';
import { migrate, openOrm } from '../../src/database/orm.js';
import { describeDatabase } from '../../src/database/database-url.js';
import { loadSyntheticNetwork } from '../../src/synthetic/synthetic-network.js';

/**
 * `npm run bench [-- --force] [-- --duration 10]`: fills a fresh embedded PostgreSQL (or DATABASE_URL,
 * whose network it replaces: --force when it holds the real seeds) with the synthetic network at
 * scale 1, starts the API as a separate production process with logs off, and measures with wrk:
 * (a) the national map as one nested query, (b) a community page, by POST (never cached), then the
 * national map by GET answered from the response cache and revalidated with If-None-Match (304). Prints a
 * Markdown table: requests/s at 16 connections, p50/p99 at 1 and 16 connections, peak RSS (VmHWM).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const PROJECT = path.resolve(here, '..', '..', '..'); // dist/test/bench -> project root
const args = process.argv.slice(2);
const force = args.includes('--force');
const duration = Number(args[args.indexOf('--duration') + 1] ?? 0) || Number(process.env.BENCH_DURATION ?? 10);

const QUERIES = {
  'national map': {
    query: `query NationalMap { capitals(first: 100) { nodes { name children { name carriers { name programmes { name } } } } } }`,
    targets: { rps16: 65, p50at1: 18 },
  },
  'community page': {
    query: `query CommunityPage($slug: String!) { ecosystem(slug: $slug) {
      name kind parent { name slug }
      carriers { name programmes { name } }
      programmes { name }
      events(first: 20) { name startsOn { text } }
    } }`,
    variables: { slug: 'syn-community-0001' },
    targets: { rps16: 1000 },
  },
} as const;

interface WrkResult { rps: number; p50: number; p99: number; errors: number; requests: number }

function requireWrk(): void {
  const found = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (found.error) {
    process.stderr.write('bench: wrk is not installed. On Debian/Ubuntu: apt-get install -y wrk (as root), then run npm run bench again.\n');
    process.exit(2);
  }
}


async function waitUntilReady(url: string, api: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (api.exitCode !== null) throw new Error(`the API exited with code ${api.exitCode}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the API did not become ready within 30 s');
}

function ms(value: string, unit: string): number {
  return Number(value) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[unit]!;
}

function runWrk(url: string, bodyFile: string, connections: number): WrkResult {
  return wrk(['-s', path.join(PROJECT, 'test', 'bench', 'post.lua'), `${url}/graphql`], connections, { WRK_BODY_FILE: bodyFile });
}

/** GETs a full URL (the public edge: a GET of /graphql, optionally revalidated with If-None-Match). */
function runWrkGet(fullUrl: string, connections: number, headers: Record<string, string> = {}): WrkResult {
  return wrk([...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), fullUrl], connections, {});
}

function wrk(target: string[], connections: number, env: Record<string, string>): WrkResult {
  const threads = Math.min(2, connections);
  const run = spawnSync('wrk', [`-t${threads}`, `-c${connections}`, `-d${duration}s`, '--latency', ...target], {
    encoding: 'utf8', env: { ...process.env, ...env },
  });
  if (run.status !== 0) throw new Error(`wrk failed: ${run.stderr}`);
  const out = run.stdout;
  const latency = (p: string) => {
    const m = out.match(new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm'));
    return m ? ms(m[1]!, m[2]!) : NaN;
  };
  const errors = Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0)
    + (out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/)?.slice(1).reduce((s, x) => s + Number(x), 0) ?? 0);
  return {
    rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? NaN), p50: latency('50'), p99: latency('99'), errors,
    requests: Number(out.match(/(\d+) requests in/)?.[1] ?? 0),
  };
}

async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmHWM:\s+(\d+) kB/)?.[1] ?? NaN) / 1024;
}

async function main() {
  requireWrk();
  const work = await mkdtemp(path.join(os.tmpdir(), 'maillage-bench-'));
  await chmod(work, 0o755); // the embedded PostgreSQL runs as another user
  let embedded: EmbeddedDatabase | undefined;
  let api: ChildProcess | undefined;
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      embedded = await startEmbeddedPostgres({ dataDir: path.join(work, 'postgres'), port: 0, persistent: false, databaseName: 'maillage_bench', log: () => undefined });
      databaseUrl = embedded.url;
    }
    process.stdout.write(`bench: filling ${describeDatabase(databaseUrl)} with the synthetic network (scale 1)…\n`);
    const orm = await openOrm(databaseUrl);
    try {
      await migrate(orm);
      await loadSyntheticNetwork(orm, 1, { force, searchIndex: false });
    } finally {
      await orm.close(true);
    }

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, [path.join(PROJECT, 'dist', 'src', 'main.js')], {
      cwd: PROJECT, stdio: ['ignore', 'ignore', 'inherit'],
      // One load generator on one address: the per-client rate limit is off (the cost limit stays).
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'silent', MAILLAGE_RATE_LIMIT: 'off' },
    });
    await waitUntilReady(url, api);

    const rows: string[] = [];
    const misses: string[] = [];
    for (const [name, spec] of Object.entries(QUERIES)) {
      const body = JSON.stringify({ query: spec.query, variables: 'variables' in spec ? spec.variables : undefined });
      const check = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await check.text();
      const parsed = JSON.parse(text) as { errors?: unknown[] };
      if (!check.ok || parsed.errors) throw new Error(`${name}: the query fails: ${text.slice(0, 500)}`);
      const bodyFile = path.join(work, `${name.replace(/\W+/g, '-')}.json`);
      await writeFile(bodyFile, body);
      runWrk(url, bodyFile, 16); // warm-up (JIT, plans, pool), not reported
      process.stdout.write(`bench: ${name} (${(text.length / 1024).toFixed(1)} KB), ${duration} s at 1 then 16 connections…\n`);
      const one = runWrk(url, bodyFile, 1);
      const sixteen = runWrk(url, bodyFile, 16);
      if (one.errors + sixteen.errors > 0) misses.push(`${name}: ${one.errors + sixteen.errors} failed responses`);
      rows.push(`| ${name} | ${(text.length / 1024).toFixed(1)} KB | ${sixteen.rps.toFixed(0)} | ${one.p50.toFixed(2)} | ${one.p99.toFixed(2)} | ${sixteen.p50.toFixed(2)} | ${sixteen.p99.toFixed(2)} |`);
      const t = spec.targets as { rps16: number; p50at1?: number };
      if (sixteen.rps < t.rps16) misses.push(`${name}: ${sixteen.rps.toFixed(0)} req/s at 16 connections, target ≥ ${t.rps16} (${(100 * (1 - sixteen.rps / t.rps16)).toFixed(0)} % short)`);
      if (t.p50at1 !== undefined && one.p50 > t.p50at1) misses.push(`${name}: p50 ${one.p50.toFixed(1)} ms at 1 connection, target ≤ ${t.p50at1} ms`);
    }
    // The public edge: the national map by GET, repeated within its max-age (answered from the
    // response cache), and revalidated by a client that holds it (If-None-Match → 304, no body).
    const edgeRows: string[] = [];
    {
      const getUrl = `${url}/graphql?query=${encodeURIComponent(QUERIES['national map'].query)}`;
      const first = await fetch(getUrl, { headers: { 'accept-encoding': 'gzip' } });
      const size = (await first.arrayBuffer()).byteLength;
      const etag = first.headers.get('etag');
      if (first.status !== 200 || !etag) throw new Error(`national map by GET: ${first.status}, etag ${etag}`);
      const revalidate = await fetch(getUrl, { headers: { 'if-none-match': etag } });
      if (revalidate.status !== 304) throw new Error(`national map revalidation answered ${revalidate.status}`);
      process.stdout.write(`bench: national map by GET, cached and revalidated (304), ${duration} s at 16 connections each…\n`);
      const cached = runWrkGet(getUrl, 16, { 'Accept-Encoding': 'gzip' });
      const notModified = runWrkGet(getUrl, 16, { 'If-None-Match': etag });
      for (const [name, r, bytes] of [['national map, GET from the response cache (gzip)', cached, `${(size / 1024).toFixed(1)} KB`], ['national map, GET revalidated (304)', notModified, '0 KB']] as const) {
        if (r.errors > 0 && name.includes('cache')) misses.push(`${name}: ${r.errors} failed responses`);
        edgeRows.push(`| ${name} | ${bytes} | ${r.rps.toFixed(0)} | – | – | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |`);
      }
    }
    rows.push(...edgeRows);

    // A request just under the cost limit must not make small ones wait: the community page at 16
    // connections while one connection repeats a request costing ~92,000 of the 100,000 allowed.
    {
      const nearLimit = JSON.stringify({ query: `{
        a: nationalMap(asOf: "2019-06-01") { points { slug } } b: nationalMap(asOf: "2023-06-01") { points { slug } }
        c: nationalMap { points { slug } } ${QUERIES['national map'].query.replace(/^query NationalMap /, '').slice(1, -1)} }` });
      const check = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: nearLimit });
      const checked = await check.json() as { errors?: unknown[]; extensions?: { cost?: { requested: number } } };
      if (!check.ok || checked.errors) throw new Error(`near-limit request fails: ${JSON.stringify(checked).slice(0, 300)}`);
      const nearFile = path.join(work, 'near-limit.json');
      await writeFile(nearFile, nearLimit);
      const pageFile = path.join(work, 'community-page.json');
      process.stdout.write(`bench: community page at 16 connections beside a request costing ${checked.extensions?.cost?.requested}, ${duration} s…\n`);
      const beside = spawn('wrk', ['-t1', '-c1', `-d${duration + 1}s`, '-s', path.join(PROJECT, 'test', 'bench', 'post.lua'), `${url}/graphql`], {
        stdio: 'ignore', env: { ...process.env, WRK_BODY_FILE: nearFile },
      });
      const small = runWrk(url, pageFile, 16);
      await new Promise((r) => beside.once('exit', r));
      rows.push(`| community page beside a near-limit request (cost ${checked.extensions?.cost?.requested}) | – | ${small.rps.toFixed(0)} | – | – | ${small.p50.toFixed(2)} | ${small.p99.toFixed(2)} |`);
      if (small.p99 > 200) misses.push(`community page beside a near-limit request: p99 ${small.p99.toFixed(0)} ms at 16 connections, target ≤ 200 ms`);
    }
    const rss = await peakRss(api.pid!);
    if (rss > 300) misses.push(`peak RSS ${rss.toFixed(0)} MB, target ≤ 300 MB`);

    const date = new Date().toISOString().slice(0, 10);
    process.stdout.write([
      '',
      `### maillage bench, ${date} (synthetic scale 1, ${os.cpus().length} cores, Node ${process.version}, wrk ${duration} s per run; POST is never cached)`,
      '',
      '| query | response | req/s @16 | p50 @1 (ms) | p99 @1 (ms) | p50 @16 (ms) | p99 @16 (ms) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      `Peak RSS of the API process (VmHWM): ${rss.toFixed(0)} MB.`,
      '',
      'Targets: national map ≥ 65 req/s @16 and p50 ≤ 18 ms @1; community page ≥ 1,000 req/s @16; RSS ≤ 300 MB.',
      misses.length ? `Missed: ${misses.join('; ')}.` : 'All targets met.',
      '',
    ].join('\n'));
  } finally {
    if (api && api.exitCode === null) {
      const exited = new Promise((r) => api!.once('exit', r));
      api.kill('SIGTERM');
      await exited;
    }
    await embedded?.stop();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench: ${error.message}\n`);
  process.exit(1);
});
