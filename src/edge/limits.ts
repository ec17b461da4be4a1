import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type GraphQLSchema, type ValidationContext, type ValidationRule } from 'graphql';
import type { EdgeConfig } from './config.js';
import { CostAdmission } from './admission.js';
import { documentCost } from './cost.js';
import { DocumentMemo } from './document-memo.js';
import { signalOf } from './deadline.js';
import type { Client, CostRateLimiter, RateState } from './rate-limit.js';

/** What the HTTP front knows of a request and the Apollo plugin needs (kept beside its context). */
export interface RequestEdge {
  client: Client;
  limiter: CostRateLimiter | undefined;
  /** The operation's cost, once worked out. */
  cost?: number;
  /** The rate limiter's answer, once points were spent. */
  rate?: RateState;
  /** Gives the operation's points back to the process's admission budget once it has answered. */
  release?: () => void;
}

/**
 * Keyed by the request's forked EntityManager: Apollo hands plugins a shallow clone of the context
 * object, but the clone holds the same `em`.
 */
const requests = new WeakMap<object, RequestEdge>();
export const attachEdge = (em: object, edge: RequestEdge) => requests.set(em, edge);
export const edgeOf = (context: object | undefined) => {
  const em = (context as { em?: object } | undefined)?.em;
  return em ? requests.get(em) : undefined;
};

/**
 * Shape limits, checked while validating (graphql-armor's rules; their messages give the limit and
 * what was found). Introspection is exempt from the depth limit (GraphiQL's query is deep).
 */
export function shapeRules(config: EdgeConfig): ValidationRule[] {
  // By default the rules throw, which Apollo answers as an internal error (500): report instead.
  const reject = { propagateOnRejection: false, onReject: [report as never] };
  return [
    maxDepthRule({ n: config.maxDepth, ignoreIntrospection: true, ...reject }) as unknown as ValidationRule,
    maxAliasesRule({ n: config.maxAliases, ...reject }) as unknown as ValidationRule,
    maxDirectivesRule({ n: config.maxDirectives, ...reject }) as unknown as ValidationRule,
  ];
}

/** graphql-armor prefixes its messages with "Syntax Error:", though the syntax is fine. */
function report(context: ValidationContext, error: GraphQLError): void {
  context.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { nodes: error.nodes }));
}

/**
 * Costs every operation once it is parsed, validated and its operation chosen, before it runs:
 * over `maxCost` it is refused with HTTP 400 (COST_LIMIT_EXCEEDED); otherwise its cost is spent from
 * the client's rate-limit window (429 RATE_LIMITED with Retry-After when spent); then it waits for
 * room in the process's admission budget (src/edge/admission.ts). Every answer whose cost is known
 * reports it in `extensions.cost: { requested, limit }`.
 */
export function costLimitPlugin<Context extends object>(schema: GraphQLSchema, config: EdgeConfig, admission = new CostAdmission(config.concurrentCost)): ApolloServerPlugin<Context> {
  const costs = new DocumentMemo<number>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName, contextValue }) {
          let cost: number;
          try {
            cost = costs.get(document, operationName, request.variables, () => documentCost(schema, document, request.variables, operationName ?? undefined));
          } catch {
            return; // variables that do not fit: execution refuses them before any resolver runs
          }
          const edge = edgeOf(contextValue);
          if (edge) edge.cost = cost;
          if (cost > config.maxCost) {
            throw new GraphQLError(
              `Query cost ${cost} exceeds the limit of ${config.maxCost}: ask for fewer items (first/last), fewer nested lists or fewer aliases (README, "Limits").`,
              { extensions: { code: 'COST_LIMIT_EXCEEDED', cost: { requested: cost, limit: config.maxCost }, http: { status: 400, headers: new HeaderMap() } } },
            );
          }
          if (edge?.limiter) {
            const rate = (edge.rate = await edge.limiter.spend(edge.client, cost));
            if (!rate.allowed) {
              throw new GraphQLError(
                `Rate limit: this ${edge.client.kind === 'token' ? 'token' : 'address'} spent its ${rate.limit} points of the last ${rate.windowSeconds} s (this query costs ${cost}). Retry in ${rate.reset} s, or cache answers (README, "Call maillage from your site").`,
                { extensions: { code: 'RATE_LIMITED', http: { status: 429, headers: new HeaderMap([['retry-after', String(rate.reset)]]) } } },
              );
            }
          }
          const em = (contextValue as { em?: Parameters<typeof signalOf>[0] }).em;
          const release = await admission.admit(cost, em && signalOf(em));
          if (edge) edge.release = release;
          else release();
        },
        async willSendResponse({ response, contextValue }) {
          edgeOf(contextValue)?.release?.();
          const cost = edgeOf(contextValue)?.cost;
          if (cost === undefined || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: { requested: cost, limit: config.maxCost } };
        },
      };
    },
  };
}
