import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../graphql/context.js';
import type { Logger } from './logger.js';
import { cachePolicyPlugin } from '../federation/cache-policy.js';
import { availabilityPlugin, isDatabaseUnavailableError, unavailableError, type DatabaseAvailability } from '../database/availability.js';

export interface ApolloOptions {
  /**
   * Answer a gateway's `apollo-federation-include-trace: ftv1` with inline traces. Off by default:
   * traces divide throughput by ~2.5 (STACK.md). MAILLAGE_INLINE_TRACES=true turns them on.
   */
  inlineTracing?: boolean;
  /** PostgreSQL unreachable: answers 503 + SERVICE_UNAVAILABLE instead of logging each failure (src/database/availability.ts). */
  availability?: DatabaseAvailability;
}

/** Messages graphql-js gives when a literal argument does not fit its type: a client input error. */
const INPUT_COERCION = /^(Expected value of type|Value is not a valid|Int cannot represent|Float cannot represent|String cannot represent|Boolean cannot represent|Enum ".*" cannot represent|Value ".*" does not exist in ".*" enum|ID cannot represent)/;

export function createApolloServer(schema: GraphQLSchema, logger: Logger, production: boolean, options: ApolloOptions = {}): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    schema,
    includeStacktraceInErrorResponses: !production,
    // main.ts owns SIGINT/SIGTERM: it stops HTTP, Apollo, the pool and PostgreSQL in that order.
    stopOnTerminationSignals: false,
    // No CDN-hosted sandbox: the self-hosted playground comes with the admin work.
    // Apollo's cache-control plugin wraps every resolver (~12 % CPU, STACK.md): the schema's
    // @cacheControl hints are turned into a cache-control header per document instead.
    plugins: [
      ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), cachePolicyPlugin(schema),
      options.inlineTracing ? ApolloServerPluginInlineTrace() : ApolloServerPluginInlineTraceDisabled(),
      logErrors(logger),
      ...(options.availability ? [availabilityPlugin(options.availability)] : []),
    ],
    formatError: (formatted, error) => formatError(formatted, error, production),
  });
}

function formatError(formatted: GraphQLFormattedError, error: unknown, production: boolean): GraphQLFormattedError {
  if (isDatabaseUnavailableError(unwrapResolverError(error))) return unavailableError(formatted);
  const code = formatted.extensions?.code;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && INPUT_COERCION.test(formatted.message)) {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
  }
  const original = unwrapResolverError(error);
  const expected = original instanceof GraphQLError || code !== 'INTERNAL_SERVER_ERROR';
  if (expected || !production) return formatted;
  // An unexpected failure: the client learns nothing of the internals, the log has the details.
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function logErrors(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
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
