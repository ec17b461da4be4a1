import { Args, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { RequestContext } from '../graphql/context.js';
import { connectionType, PageArgs, paginate } from '../graphql/pagination.js';
import { requireRole } from './viewer.js';
import { TOKEN_COLUMNS, toTokenRow, type RawTokenRow, type TokenRow } from './tokens.js';

@ObjectType({ description: 'An API token, as `npm run admin -- list-tokens` shows it: never its secret. Readable by admins only.' })
export class ApiToken {
  @Field(() => ID, { description: 'The token\'s id (a uuid; its 32 hex digits are also the middle part of the token).' })
  id!: string;

  @Field({ description: 'Name of the token: the author recorded in the audit trail.' })
  name!: string;

  @Field({ description: 'Role: viewer (reads personal data and the audit trail), editor (also edits records), admin (also labels, the hierarchy and tokens).' })
  role!: string;

  @Field(() => DateTimeResolver, { description: 'When the token was created.' })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the token stops working; null if it does not expire.' })
  expiresAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the token was revoked; null while it is not.' })
  revokedAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Last time a request used it (to within a minute); null if never.' })
  lastUsedAt!: Date | null;
}

export const ApiTokenConnection = connectionType(ApiToken, 'ApiToken', 'API token');

const toApiToken = (raw: RawTokenRow): ApiToken => {
  const r: TokenRow = toTokenRow(raw);
  return {
    id: r.id, name: r.name, role: r.role, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at,
  };
};

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @Query(() => ApiTokenConnection, { description: 'The API tokens, by name (never their secrets). Admins only: UNAUTHENTICATED without a token, FORBIDDEN below admin. Tokens are created and revoked with `npm run admin`.' })
  apiTokens(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    requireRole(ctx, 'admin');
    return paginate<RawTokenRow>(ctx, {
      select: TOKEN_COLUMNS, from: 'api_token t', where: [], params: [], orderBy: ['t.name'], idColumn: 't.id',
      cursorOf: (r) => [r.name], toNode: toApiToken,
    }, args);
  }
}
