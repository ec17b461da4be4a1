import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../graphql/context.js';
import type { Logger } from './logger.js';
import { compileAfter, type Execution } from './config.js';
import { compiledExecution, NoReservedAliases } from '../graphql/compiled-execution.js';
import { cachePolicyPlugin } from '../federation/cache-policy.js';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { persistedQueryCache, trustedDocuments } from '../edge/trusted-documents.js';
import { readEdgeConfig, type EdgeConfig } from '../edge/config.js';
import { costLimitPlugin, shapeRules } from '../edge/limits.js';
import { writesBumpDataVersion } from '../edge/response-cache.js';
import { inputChecksPlugin } from '../edge/input-checks.js';
import { PROJECT_ROOT } from '../shared/project-root.js';
import { availabilityPlugin, isDatabaseUnavailableError, unavailableError, type DatabaseAvailability } from '../database/availability.js';

export interface ApolloOptions {
  /**
   * Answer a gateway's `apollo-federation-include-trace: ftv1` with inline traces. Off by default:
   * traces divide throughput by ~2.5 (STACK.md). MAILLAGE_INLINE_TRACES=true turns them on.
   */
  inlineTracing?: boolean;
  /**
   * `compiled` (default): operations run as functions compiled once per document (graphql-jit,
   * src/graphql/compiled-execution.ts). Inline traces need graphql-js's per-field hooks, so a server
   * answering them interprets with graphql-js.
   */
  execution?: Execution;
  /** The public edge's limits (default: from the environment, src/edge/config.ts). */
  edge?: EdgeConfig;
  /** PostgreSQL unreachable: answers 503 + SERVICE_UNAVAILABLE instead of logging each failure (src/database/availability.ts). */
  availability?: DatabaseAvailability;
}

/** Messages graphql-js gives when a literal argument does not fit its type: a client input error. */
const INPUT_COERCION = /^(Expected value of type|Value is not a valid|Int cannot represent|Float cannot represent|String cannot represent|Boolean cannot represent|Enum ".*" cannot represent|Value ".*" does not exist in ".*" enum|ID cannot represent)/;

export function createApolloServer(schema: GraphQLSchema, logger: Logger, production: boolean, options: ApolloOptions = {}): ApolloServer<RequestContext> {
  const edge = options.edge ?? readEdgeConfig();
  const compiled = (options.execution ?? 'compiled') === 'compiled' && !options.inlineTracing;
  return new ApolloServer<RequestContext>({
    ...(compiled ? { gateway: compiledExecution(schema, { compileAfter: compileAfter() }) } : { schema }),
    // The schema is public and documented: introspection stays on in production (the playground's
    // docs and explorer need it); MAILLAGE_INTROSPECTION=false turns it off.
    introspection: edge.introspection,
    // Shape limits: tokens while parsing, depth/aliases/directives while validating, cost before executing.
    parseOptions: { maxTokens: edge.maxTokens },
    validationRules: [...shapeRules(edge), NoReservedAliases],
    includeStacktraceInErrorResponses: !production,
    // main.ts owns SIGINT/SIGTERM: it stops HTTP, Apollo, the pool and PostgreSQL in that order.
    stopOnTerminationSignals: false,
    // Apollo's CSRF prevention refuses a GET without a custom header, so a partner page could not read
    // with a plain fetch or a cacheable GET. It protects cookie-authenticated servers; maillage has no
    // cookies and reads its token from the Authorization header, which a browser never sends on its
    // own, and GET never runs a mutation (Apollo answers 405). See "CSRF" in the README.
    csrfPrevention: false,
    // APQ for any client, with the trusted documents (src/edge/trusted-documents.ts) always known;
    // registered queries are kept in a bounded LRU (Apollo's default size, ~30 MB).
    persistedQueries: { cache: persistedQueryCache(trustedDocuments(), new InMemoryLRUCache<string>()) },
    // No CDN-hosted sandbox: the self-hosted playground comes with the admin work.
    // Apollo's cache-control plugin wraps every resolver (~12 % CPU, STACK.md): the schema's
    // @cacheControl hints are turned into a cache-control header per document instead.
    plugins: [
      ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), cachePolicyPlugin(schema),
      options.inlineTracing ? ApolloServerPluginInlineTrace() : ApolloServerPluginInlineTraceDisabled(),
      inputChecksPlugin(schema),
      costLimitPlugin(schema, edge),
      // Mutations bump the response cache's data version (src/edge/response-cache.ts).
      writesBumpDataVersion(),
      logErrors(logger),
      ...(options.availability ? [availabilityPlugin(options.availability)] : []),
    ],
    formatError: (formatted, error) => formatError(formatted, error, production),
    // Apollo's default appends a newline to the JSON: a second string of the answer's size, copied
    // once more the first time it is read (a 270 KB national map made three such copies per request).
    stringifyResult: (result) => JSON.stringify(result),
  });
}

function formatError(formatted: GraphQLFormattedError, error: unknown, production: boolean): GraphQLFormattedError {
  if (isDatabaseUnavailableError(unwrapResolverError(error))) return unavailableError(formatted);
  const code = formatted.extensions?.code;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && INPUT_COERCION.test(formatted.message)) {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
  }
  // Apollo's APQ check raises a code-less error: the client sent a hash that is not its query's.
  if (formatted.message === 'provided sha does not match query') {
    return { message: 'Argument "extensions.persistedQuery.sha256Hash": is not the SHA-256 of the query sent with it', extensions: { code: 'BAD_USER_INPUT', argumentName: 'extensions.persistedQuery.sha256Hash' } };
  }
  const original = unwrapResolverError(error);
  // A value PostgreSQL cannot take (data exception, SQLSTATE class 22) came from the client: its
  // error, without the database's text. src/edge/input-checks.ts refuses the known cases earlier.
  if (isDataException(original)) {
    return { message: 'An argument has a value out of range or not representable (check dates, numbers and text).', locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
  }
  // PostgreSQL's statement_timeout fired (src/edge/deadline.ts): say so, without the database's text.
  if ((original as { code?: string })?.code === '57014') {
    return { message: 'A database statement ran longer than the server allows and was cancelled: ask for less, or retry later.', locations: formatted.locations, path: formatted.path, extensions: { code: 'STATEMENT_TIMEOUT' } };
  }
  const expected = original instanceof GraphQLError || code !== 'INTERNAL_SERVER_ERROR';
  if (expected || !production) return shortened(withoutServerPaths(formatted));
  // An unexpected failure: the client learns nothing of the internals, the log has the details.
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

const isDataException = (error: unknown) => typeof (error as { code?: unknown })?.code === 'string' && /^22[0-9A-Z]{3}$/.test((error as { code: string }).code);

/** A message never carries a huge input back (a 900 KB cursor once came back in a 900 KB error). */
const MAX_MESSAGE = 1000;
function shortened(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return formatted.message.length > MAX_MESSAGE ? { ...formatted, message: `${formatted.message.slice(0, MAX_MESSAGE)}…` } : formatted;
}

/** Development stack traces name files relative to the project, never by their absolute path. */
function withoutServerPaths(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const stack = formatted.extensions?.stacktrace;
  if (!Array.isArray(stack)) return formatted;
  const root = new RegExp(`(file://)?${PROJECT_ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`, 'g');
  return { ...formatted, extensions: { ...formatted.extensions, stacktrace: stack.map((line) => String(line).replace(root, '').replace(/\/[^\s():]+\/node_modules\//g, 'node_modules/')) } };
}

function logErrors(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (error.message === 'provided sha does not match query') continue; // the client's error
            const original = unwrapResolverError(error);
            if (isDataException(original)) continue; // the client's input (answered BAD_USER_INPUT)
            if (original instanceof GraphQLError && original.extensions?.code) continue;
            if (isDatabaseUnavailableError(original)) continue; // logged once per outage by DatabaseAvailability
            if (error.extensions?.code && error.extensions.code !== 'INTERNAL_SERVER_ERROR') continue;
            logger.error({ requestId: contextValue?.requestId, operationName, path: error.path, err: original }, 'resolver failed');
          }
        },
      };
    },
  };
}
