import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate, openOrm } from '../src/database/orm.js';
import { loadSeeds } from '../src/seeding/load-seeds.js';
import { sql } from '../src/database/sql.js';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { createToken, listTokens, parseExpiry, parseToken, revokeToken, TokenError, verifySecret } from '../src/auth/tokens.js';
import { Authenticator } from '../src/auth/authenticator.js';
import { FailureLimiter } from '../src/auth/failure-limiter.js';
import { requireRole, type Viewer } from '../src/auth/viewer.js';
import { RequestContext } from '../src/graphql/context.js';
import { freshDatabaseUrl, startTestApi, statementCount, type TestApi } from './support/app.js';

const run = promisify(execFile);
let orm: MikroORM;
let databaseUrl: string;
let api: TestApi;
const em = () => orm.em.fork();
const q = <T>(text: string, params: unknown[] = []) => sql<T>(em(), text, params);

// Each test authenticates from its own client address (X-Forwarded-For, trusted for this suite), so
// the failures one test provokes on purpose never block another.
const previousTrustProxy = process.env.MAILLAGE_TRUST_PROXY;
let clientCounter = 0;
const newClient = () => `198.51.100.${++clientCounter}`;
const bearer = (token: string, client: string) => ({ authorization: `Bearer ${token}`, 'x-forwarded-for': `203.0.113.9, ${client}` });

beforeAll(async () => {
  process.env.MAILLAGE_TRUST_PROXY = 'true';
  databaseUrl = await freshDatabaseUrl('auth');
  orm = await openOrm(databaseUrl);
  await migrate(orm);
  await loadSeeds(orm);
  api = await startTestApi(databaseUrl);
}, 120_000);
afterAll(async () => {
  await api?.stop();
  await orm?.close(true);
  if (previousTrustProxy === undefined) delete process.env.MAILLAGE_TRUST_PROXY;
  else process.env.MAILLAGE_TRUST_PROXY = previousTrustProxy;
});

const AUDIT = '{ auditTrail(first: 5) { totalCount edges { node { author action } } } }';
const TOKENS = '{ apiTokens(first: 100) { nodes { id name role createdAt expiresAt revokedAt lastUsedAt } } }';

describe('tokens', () => {
  test('a token reads mlg_<id>_<secret>; the database holds only an scrypt hash of the secret, with its own salt', async () => {
    const a = await createToken(em(), { name: 'hash check A', role: 'viewer' });
    const b = await createToken(em(), { name: 'hash check B', role: 'viewer' });
    expect(a.token).toMatch(/^mlg_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    const { id, secret } = parseToken(a.token)!;
    expect(id).toBe(a.row.id);
    // No column of any token row holds the secret or the token, whatever its encoding.
    const rows = await q<{ text: string }>(`select t::text as text from api_token t`);
    for (const { text } of rows) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(Buffer.from(secret, 'base64url').toString('hex'));
      expect(text).not.toContain(a.token);
    }
    const hashes = await q<{ id: string; secret_hash: string }>(`select id, secret_hash from api_token where id = any($1::uuid[])`, [[a.row.id, b.row.id]]);
    const hashA = hashes.find((h) => h.id === a.row.id)!.secret_hash;
    const hashB = hashes.find((h) => h.id === b.row.id)!.secret_hash;
    expect(hashA).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(hashA.split('$')[4]).not.toBe(hashB.split('$')[4]); // a salt per token
    expect(await verifySecret(secret, hashA)).toBe(true);
    expect(await verifySecret(parseToken(b.token)!.secret, hashA)).toBe(false);
    // Nothing that lists tokens carries a secret or a hash.
    const listed = await listTokens(em());
    expect(Object.keys(listed[0]!).sort()).toEqual(['created_at', 'expires_at', 'id', 'last_used_at', 'name', 'revoked_at', 'role']);
    expect(JSON.stringify(listed)).not.toContain(secret);
  });

  test('create-token checks its input', async () => {
    await expect(createToken(em(), { name: 'bad role', role: 'owner' })).rejects.toThrow(/--role must be one of viewer, editor, admin/);
    await expect(createToken(em(), { name: '  ', role: 'viewer' })).rejects.toThrow(TokenError);
    await createToken(em(), { name: 'unique name', role: 'viewer' });
    await expect(createToken(em(), { name: 'Unique Name', role: 'editor' })).rejects.toThrow(/already named/);
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseExpiry('90d', now).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(parseExpiry('12h', now).toISOString()).toBe('2026-01-01T12:00:00.000Z');
    expect(parseExpiry('2027-01-31', now).toISOString()).toBe('2027-01-31T00:00:00.000Z');
    expect(() => parseExpiry('0d', now)).toThrow(TokenError);
    expect(() => parseExpiry('90 days', now)).toThrow(/like 90d/);
    expect(() => parseExpiry('2025-01-01', now)).toThrow(/in the past/);
  });

  test('revoke-token by name or id; a revoked name can be given to a new token', async () => {
    const first = await createToken(em(), { name: 'to revoke', role: 'viewer' });
    expect((await revokeToken(em(), 'TO REVOKE')).map((r) => r.id)).toEqual([first.row.id]);
    expect(await revokeToken(em(), first.row.id)).toEqual([]); // already revoked
    const second = await createToken(em(), { name: 'to revoke', role: 'viewer' });
    const [revoked] = await revokeToken(em(), second.row.id.replaceAll('-', ''));
    expect(revoked!.revoked_at).toBeInstanceOf(Date);
    await expect(revokeToken(em(), 'nobody')).rejects.toThrow(/no token has the name "nobody"/);
  });
});

describe('roles over HTTP', () => {
  let tokens: Record<'viewer' | 'editor' | 'admin', string>;
  beforeAll(async () => {
    tokens = {
      viewer: (await createToken(em(), { name: 'role viewer', role: 'viewer' })).token,
      editor: (await createToken(em(), { name: 'role editor', role: 'editor' })).token,
      admin: (await createToken(em(), { name: 'role admin', role: 'admin' })).token,
    };
  });

  test('without a token: the public reads the network, the audit trail is UNAUTHENTICATED', async () => {
    const publicRead = await api.graphql('{ capitals(asOf: "2019-04-03") { totalCount } }');
    expect(publicRead.status).toBe(200);
    expect(publicRead.body.data.capitals.totalCount).toBe(13);
    const { status, body } = await api.graphql(AUDIT);
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors![0].message).toMatch(/Authorization: Bearer/);
    expect((await api.graphql(TOKENS)).body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  test('a viewer reads the audit trail; viewers and editors are FORBIDDEN the token list; an admin reads it, without secrets', async () => {
    const client = newClient();
    const audit = await api.graphql(AUDIT, undefined, bearer(tokens.viewer, client));
    expect(audit.status).toBe(200);
    expect(audit.body.errors).toBeUndefined();
    expect(audit.body.data.auditTrail.totalCount).toBe(0);
    for (const role of ['viewer', 'editor'] as const) {
      const { body } = await api.graphql(TOKENS, undefined, bearer(tokens[role], client));
      expect(body.errors![0].extensions.code).toBe('FORBIDDEN');
      expect(body.errors![0].message).toContain(`the role ${role}; this needs admin or above`);
      expect(body.data).toBeNull();
    }
    const { body } = await api.graphql(TOKENS, undefined, bearer(tokens.admin, client));
    expect(body.errors).toBeUndefined();
    const byName = new Map(body.data.apiTokens.nodes.map((t: any) => [t.name, t]));
    expect(byName.get('role editor')).toMatchObject({ role: 'editor', revokedAt: null, expiresAt: null });
    expect((byName.get('role admin') as any).lastUsedAt).not.toBeNull();
    for (const token of Object.values(tokens)) expect(JSON.stringify(body)).not.toContain(parseToken(token)!.secret);
  });

  test('requireRole: FORBIDDEN below the role asked, the viewer itself otherwise', () => {
    const ctx = (viewer: Viewer | null) => new RequestContext(em(), 'test', '2026-01-01', viewer);
    const viewer: Viewer = { tokenId: 'x', name: 'v', role: 'viewer' };
    expect(() => requireRole(ctx(null), 'viewer')).toThrow(expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } }));
    expect(() => requireRole(ctx(viewer), 'editor')).toThrow(expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }));
    expect(requireRole(ctx({ ...viewer, role: 'admin' }), 'editor').role).toBe('admin');
  });

  test('answers with a token are never publicly cacheable', async () => {
    const query = '{ person(slug: "brigitte-marandon") { name } }';
    const publicAnswer = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    expect(publicAnswer.headers.get('cache-control')).toMatch(/public/);
    const withToken = await fetch(`${api.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...bearer(tokens.viewer, newClient()) }, body: JSON.stringify({ query }),
    });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get('cache-control')).toBe('private, no-store');
  });
});

describe('refused tokens: HTTP 401, code UNAUTHENTICATED', () => {
  async function expect401(headers: Record<string, string>, message: RegExp) {
    const { status, body } = await api.graphql('{ capitals(asOf: "2019-04-03") { totalCount } }', undefined, headers);
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([{ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } }]);
  }

  test('malformed headers, unknown tokens and wrong secrets', async () => {
    const { token } = await createToken(em(), { name: 'wrong secret', role: 'viewer' });
    const client = newClient();
    const forwarded = { 'x-forwarded-for': client };
    await expect401({ authorization: 'Basic dXNlcjpwYXNz', ...forwarded }, /must read "Bearer mlg_…"/);
    await expect401({ authorization: 'Bearer not-a-token', ...forwarded }, /must read "Bearer mlg_…"/);
    await expect401({ authorization: `Bearer mlg_${'0'.repeat(32)}_${'A'.repeat(43)}`, ...forwarded }, /Unknown API token/);
    await expect401({ authorization: `Bearer ${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, ...forwarded }, /Unknown API token/);
    const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x', 'x-forwarded-for': newClient() }, body: '{"query":"{ __typename }"}' });
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="maillage", error="invalid_token"');
  });

  test('a revoked token is refused at once by this process', async () => {
    const { token, row } = await createToken(em(), { name: 'revoked', role: 'viewer' });
    const client = newClient();
    expect((await api.graphql(AUDIT, undefined, bearer(token, client))).status).toBe(200);
    await revokeToken(em(), 'revoked');
    await expect401(bearer(token, client), /revoked/);
    const [state] = await q<{ revoked: boolean }>(`select revoked_at is not null as revoked from api_token where id = $1`, [row.id]);
    expect(state!.revoked).toBe(true);
  });

  test('an expired token is refused', async () => {
    const { token } = await createToken(em(), { name: 'expired', role: 'admin', expiresAt: new Date(Date.now() - 1000) });
    await expect401(bearer(token, newClient()), /expired/);
  });
});

describe('the hot path', () => {
  test('scrypt once, then no statement per request; the row is read again after the cache TTL (revocation by another process)', async () => {
    const { token, row } = await createToken(em(), { name: 'hot path', role: 'editor' });
    const authenticator = new Authenticator({ cacheTtlMs: 30_000, touchEveryMs: 60_000 });
    const header = `Bearer ${token}`;
    const t0 = Date.now();
    const first = await authenticator.authenticate(em(), header, 'c', t0);
    expect(first).toEqual({ ok: true, viewer: { tokenId: row.id, name: 'hot path', role: 'editor' } });

    const before = statementCount();
    const started = performance.now();
    for (let i = 1; i <= 200; i++) expect((await authenticator.authenticate(em(), header, 'c', t0 + i * 100)).ok).toBe(true);
    expect(statementCount() - before).toBe(0);
    expect(performance.now() - started).toBeLessThan(200); // no scrypt (~50 ms each) on these

    // Revoked by another process (no in-process notice): still served from the cache until the TTL…
    await q(`update api_token set revoked_at = now() where id = $1`, [row.id]);
    expect((await authenticator.authenticate(em(), header, 'c', t0 + 29_000)).ok).toBe(true);
    // …then refused.
    expect(await authenticator.authenticate(em(), header, 'c', t0 + 31_000)).toMatchObject({ ok: false, status: 401, message: expect.stringMatching(/revoked/) });
    authenticator.close();
  });

  test('expiry is checked on every request, cache or not', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const { token } = await createToken(em(), { name: 'expires soon', role: 'viewer', expiresAt });
    const authenticator = new Authenticator();
    expect((await authenticator.authenticate(em(), `Bearer ${token}`, 'c')).ok).toBe(true);
    expect(await authenticator.authenticate(em(), `Bearer ${token}`, 'c', expiresAt.getTime() + 1)).toMatchObject({ ok: false, status: 401 });
    authenticator.close();
  });

  test('last_used_at is written at most once a minute per token', async () => {
    const { token, row } = await createToken(em(), { name: 'last used', role: 'viewer' });
    const lastUsed = async () => {
      const [{ ms }] = await q<{ ms: number | null }>(`select (extract(epoch from last_used_at) * 1000)::float8 as ms from api_token where id = $1`, [row.id]) as [{ ms: number | null }];
      return ms === null ? null : new Date(ms);
    };
    expect(await lastUsed()).toBeNull();
    const authenticator = new Authenticator();
    const t0 = Date.now();
    await authenticator.authenticate(em(), `Bearer ${token}`, 'c', t0);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await authenticator.authenticate(em(), `Bearer ${token}`, 'c', t0 + 59_000);
    expect((await lastUsed())!.getTime()).toBe(first!.getTime()); // not written again within the minute
    await authenticator.authenticate(em(), `Bearer ${token}`, 'c', t0 + 61_000);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(first!.getTime());
    authenticator.close();
  });
});

describe('repeated failed authentications', () => {
  test('after 5 failures in 10 minutes from one address its failing attempts get 429; a valid token from that address is still served', async () => {
    const { token } = await createToken(em(), { name: 'rate limited', role: 'viewer' });
    const attacker = newClient();
    // Five different unknown ids: only the address is counted against.
    const unknownId = () => `mlg_${randomUUID().replaceAll('-', '')}_${'x'.repeat(43)}`;
    for (let i = 0; i < 5; i++) expect((await api.graphql(AUDIT, undefined, bearer(unknownId(), attacker))).status).toBe(401);
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...bearer(unknownId(), attacker) }, body: JSON.stringify({ query: AUDIT }),
    });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(590);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(await response.json()).toEqual({ errors: [{ message: expect.stringMatching(/Too many failed authentications from this client/), extensions: { code: 'RATE_LIMITED' } }] });
    // Someone else behind the same address (NAT, proxy) with a valid token is served, and so is the public.
    expect((await api.graphql(AUDIT, undefined, bearer(token, attacker))).status).toBe(200);
    const publicRead = await api.graphql('{ capitals(asOf: "2019-04-03") { totalCount } }', undefined, { 'x-forwarded-for': attacker });
    expect(publicRead.status).toBe(200);
  });

  test('5 wrong secrets for one token id, from anywhere, block that id\'s failing attempts; its holder, already verified, is served', async () => {
    const { token } = await createToken(em(), { name: 'attacked id', role: 'viewer' });
    expect((await api.graphql(AUDIT, undefined, bearer(token, newClient()))).status).toBe(200);
    const wrong = `mlg_${parseToken(token)!.id.replaceAll('-', '')}_${'y'.repeat(43)}`;
    for (let i = 0; i < 5; i++) expect((await api.graphql(AUDIT, undefined, bearer(wrong, newClient()))).status).toBe(401);
    const refused = await api.graphql(AUDIT, undefined, bearer(wrong, newClient()));
    expect(refused.status).toBe(429);
    expect(refused.body.errors![0].message).toMatch(/with this token id/);
    expect((await api.graphql(AUDIT, undefined, bearer(token, newClient()))).status).toBe(200);
  });

  test('the limiter: a sliding window, a block that ends, bounded memory', () => {
    const limiter = new FailureLimiter({ limit: 3, windowMs: 10_000, blockMs: 60_000, maxClients: 10 });
    limiter.fail('a', 0);
    limiter.fail('a', 5_000);
    expect(limiter.retryAfter('a', 6_000)).toBe(0);
    expect(limiter.fail('a', 10_500)).toBe(0); // the first failure has left the window: two in it
    expect(limiter.retryAfter('a', 10_500)).toBe(0);
    expect(limiter.fail('a', 11_000)).toBe(60); // three within 10 s
    expect(limiter.retryAfter('a', 11_000)).toBe(60);
    expect(limiter.retryAfter('b', 11_000)).toBe(0);
    expect(limiter.retryAfter('a', 70_999)).toBe(1);
    expect(limiter.retryAfter('a', 71_000)).toBe(0);
    expect(limiter.fail('a', 71_000)).toBe(0); // a fresh start after the block
    for (let i = 0; i < 100; i++) limiter.fail(`client ${i}`, 100_000 + i);
    expect(limiter.size).toBeLessThanOrEqual(10);
  });
});

describe('npm run admin (the built CLI)', () => {
  const node = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'node');
  // Built apart from dist/ so that it never races with another suite's build.
  const outDir = path.join(PROJECT_ROOT, 'dist', 'admin-cli-test');
  const cli = path.join(outDir, 'src', 'admin', 'cli.js');
  const admin = (...args: string[]) => run(node, [cli, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' } });

  beforeAll(async () => {
    await run(node, [path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(PROJECT_ROOT, 'tsconfig.build.json'), '--outDir', outDir])
      .catch((error) => { if (!existsSync(cli)) throw error; }); // type errors elsewhere in a tree being edited still emit
  }, 180_000);

  test('create-token prints the token once; list-tokens shows no secret; revoke-token revokes', async () => {
    const created = await admin('create-token', '--name', 'cli editor', '--role', 'editor', '--expires', '90d');
    const token = created.stdout.trim();
    expect(token).toMatch(/^mlg_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/Created token "cli editor" \(id [0-9a-f-]{36}, role editor, expires \d{4}-\d{2}-\d{2}T/);
    expect(created.stderr).toMatch(/shown only this once/);

    const served = await api.graphql(AUDIT, undefined, bearer(token, newClient()));
    expect(served.status).toBe(200);
    expect(served.body.errors).toBeUndefined();

    const listed = await admin('list-tokens');
    expect(listed.stdout).toMatch(/^id\s+name\s+role\s+created\s+expires\s+revoked\s+last used$/m);
    expect(listed.stdout).toMatch(/cli editor\s+editor\s+\d{4}-\d{2}-\d{2}T\S+Z\s+\d{4}-\d{2}-\d{2}T\S+Z\s+-\s+\d{4}-/);
    const json = await admin('list-tokens', '--json');
    const { secret } = parseToken(token)!;
    for (const output of [listed.stdout, listed.stderr, json.stdout, json.stderr]) expect(output).not.toContain(secret);
    expect(JSON.parse(json.stdout).find((t: any) => t.name === 'cli editor')).toMatchObject({ role: 'editor', revoked_at: null });
    const [stored] = await q<{ text: string }>(`select t::text as text from api_token t where name = 'cli editor'`);
    expect(stored!.text).not.toContain(secret);

    const revoked = await admin('revoke-token', 'cli editor');
    expect(revoked.stdout).toMatch(/^revoked "cli editor" \(id [0-9a-f-]{36}\)/);
    // This server learns it when its cache entry ends (30 s); a fresh verification refuses it now.
    const fresh = new Authenticator();
    expect(await fresh.authenticate(em(), `Bearer ${token}`, 'c')).toMatchObject({ ok: false, status: 401 });
    fresh.close();

    await expect(admin('create-token', '--name', 'x', '--role', 'root')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/--role must be one of viewer, editor, admin/) });
    await expect(admin('frobnicate')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown command "frobnicate"/) });
  }, 60_000);
});
