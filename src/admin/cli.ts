import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { readConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { openDatabase } from '../database/open-database.js';
import { migrate, openOrm } from '../database/orm.js';
import { createToken, listTokens, parseExpiry, revokeToken, TokenError, type TokenRow } from '../auth/tokens.js';
import { ROLES } from '../auth/viewer.js';

/**
 * `npm run admin -- create-token --name "…" --role admin|editor|viewer [--expires 90d]`
 *     prints the new token once, alone on stdout (the rest goes to stderr): only a hash is kept.
 * `npm run admin -- list-tokens [--json]`   name, role, dates; never a secret.
 * `npm run admin -- revoke-token <id|name>`
 * On DATABASE_URL, or the embedded PostgreSQL, like `npm run seed`.
 */
const USAGE = `usage:
  npm run admin -- create-token --name "<name>" --role ${ROLES.join('|')} [--expires 90d|12h|2w|1y|YYYY-MM-DD]
  npm run admin -- list-tokens [--json]
  npm run admin -- revoke-token <id|name>
`;

const [command, ...rest] = process.argv.slice(2);
const config = readConfig();
const logger = createLogger(config.cliLogLevel, 'stderr');

function formatDate(date: Date | null): string {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : '-';
}

function table(rows: TokenRow[]): string {
  const header = ['id', 'name', 'role', 'created', 'expires', 'revoked', 'last used'];
  const lines = rows.map((r) => [r.id, r.name, r.role, formatDate(r.created_at), formatDate(r.expires_at), formatDate(r.revoked_at), formatDate(r.last_used_at)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  return [header, ...lines].map((l) => l.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

async function withDatabase<T>(work: (em: import('@mikro-orm/postgresql').EntityManager) => Promise<T>): Promise<T> {
  const { url, embedded } = await openDatabase(config, logger);
  const orm = await openOrm(url);
  try {
    await migrate(orm);
    return await work(orm.em.fork());
  } finally {
    await orm.close(true);
    await embedded?.stop();
  }
}

async function run(): Promise<number> {
  switch (command) {
    case 'create-token': {
      const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, role: { type: 'string' }, expires: { type: 'string' } }, strict: true });
      if (!values.name || !values.role) throw new TokenError(`create-token needs --name and --role\n${USAGE}`);
      const expiresAt = values.expires ? parseExpiry(values.expires) : null;
      const { token, row } = await withDatabase((em) => createToken(em, { name: values.name!, role: values.role!, expiresAt }));
      process.stderr.write(`Created token "${row.name}" (id ${row.id}, role ${row.role}, ${row.expires_at ? `expires ${formatDate(row.expires_at)}` : 'does not expire'}).\n`
        + 'Copy it now: it is shown only this once (only a hash is stored). Send it as "Authorization: Bearer <token>".\n');
      process.stdout.write(`${token}\n`);
      return 0;
    }
    case 'list-tokens': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } }, strict: true });
      const rows = await withDatabase((em) => listTokens(em));
      if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else process.stdout.write(rows.length ? table(rows) : 'no tokens yet: npm run admin -- create-token --name "…" --role viewer\n');
      return 0;
    }
    case 'revoke-token': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true });
      if (positionals.length !== 1) throw new TokenError(`revoke-token needs one token id or name\n${USAGE}`);
      const revoked = await withDatabase((em) => revokeToken(em, positionals[0]!));
      process.stdout.write(revoked.length
        ? revoked.map((r) => `revoked "${r.name}" (id ${r.id}); servers stop accepting it within 30 s\n`).join('')
        : `"${positionals[0]}" was already revoked\n`);
      return 0;
    }
    default:
      process.stderr.write(command && command !== 'help' && command !== '--help' ? `unknown command "${command}"\n${USAGE}` : USAGE);
      return command === 'help' || command === '--help' ? 0 : 2;
  }
}

run().then((code) => process.exit(code), (error: Error) => {
  process.stderr.write(`${error instanceof TokenError || error.name === 'TypeError' ? '' : 'admin: '}${error.message}\n`);
  process.exit(1);
});
