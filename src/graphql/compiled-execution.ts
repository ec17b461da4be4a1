import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  defaultFieldResolver, execute, getNamedType, isLeafType, getVariableValues, GraphQLError, isAbstractType, isObjectType, Kind, printSchema,
  type DocumentNode, type GraphQLSchema, type ValidationRule,
} from 'graphql';

import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * Executes operations with graphql-jit: each validated document is compiled once into a JavaScript
 * function specialised for its selection set, then run for every request that sends it. graphql-js
 * interprets the document again on every request — field lookup, argument coercion and a promise
 * check per field, results in null-prototype objects that JSON.stringify walks on its slow path —
 * which was a third of the national map's CPU (README, "Speed").
 *
 * Apollo Server runs everything before execution as before (parsing, validation, the edge's cost
 * and input checks, persisted documents); only `execute` changes, through Apollo's documented
 * gateway interface, whose executor receives the validated document. Same schema, same resolvers,
 * same per-request loaders: the answers are byte-identical (test/compiled-execution.test.ts).
 *
 * Compiling costs 1.5–2.5 ms, as much as running a small operation: an operation runs on graphql-js
 * `compileAfter` times (once by default: an exploration in the playground, a query with its values
 * written inline), and compiled when it comes back.
 * Variables are coerced by graphql-js first, so a bad variable gets graphql-js's message, word for
 * word; the compiled query then coerces the (valid) values again, which costs microseconds.
 */
export function compiledExecution(schema: GraphQLSchema, options: { compileAfter?: number } = {}): GatewayInterface & { readonly compiledOperations: number } {
  resolveAsGraphqlJsDoes(schema);
  const compileAfter = options.compileAfter ?? 1;
  /** Per parsed document (Apollo's document store hands back the same object) and operation: its
   * compiled query, or how many times graphql-js ran it so far. */
  const seen = new WeakMap<DocumentNode, Map<string, CompiledQuery | number>>();
  let compiledOperations = 0;
  const compiled = (document: DocumentNode, operationName: string | null): CompiledQuery | undefined => {
    let byName = seen.get(document);
    if (!byName) seen.set(document, (byName = new Map()));
    const key = operationName ?? '';
    const known = byName.get(key) ?? 0;
    if (typeof known !== 'number') return known;
    if (known < compileAfter) {
      byName.set(key, known + 1);
      return undefined;
    }
    const result = compileQuery(schema, document, operationName ?? undefined, {
      // Errors keep graphql-js's shape; their stack traces are not needed to format them.
      disablingCapturingStackErrors: true,
    });
    if (!isCompiledQuery(result)) return undefined; // graphql-js runs it, and says what is wrong
    byName.set(key, result);
    compiledOperations++;
    return result;
  };

  const executor: GatewayExecutor = async ({ document, operationName, operation, request, context }) => {
    const variableValues = request.variables ?? {};
    const query = compiled(document, operationName);
    if (!query) return execute({ schema, document, operationName, contextValue: context, variableValues });
    // graphql-js's own messages for bad variables, word for word.
    if (operation.variableDefinitions?.length) {
      const coerced = getVariableValues(schema, operation.variableDefinitions, variableValues, { maxErrors: 50 });
      if (coerced.errors) return { errors: coerced.errors };
    }
    const result = await query.query(undefined, context, variableValues);
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    load: async () => ({ executor }),
    stop: async () => undefined,
    get compiledOperations() { return compiledOperations; },
  };
}


/**
 * Two things graphql-js does that graphql-jit does not, given back on the schema (graphql-js answers
 * the same with them):
 * - A field without a resolver is read as a property, and graphql-jit reads an object, a list or an
 *   abstract value there without waiting for a promise (it would answer the promise's fields, null).
 *   Such fields get graphql-js's own default resolver, whose result graphql-jit awaits like any
 *   resolver's. Scalar and enum fields stay inlined, which is most of the gain: their property holds
 *   the value (one computed on demand is declared `simple: false`, as a connection's `totalCount`),
 *   and a promise there would fail serialisation loudly, never answer a wrong value.
 * - type-graphql wraps every `resolveType` in an async function, and graphql-jit needs the type's
 *   name at once. Every abstract type of the schema resolves by the value's `__typename` (as
 *   src/graphql/node.ts and each union declare), which is read synchronously; a value without one
 *   goes to the declared function.
 * Measured with both variants: default resolvers on scalar fields too took back most of the gain.
 */
function resolveAsGraphqlJsDoes(schema: GraphQLSchema): void {
  // Idempotent: a second server on the same schema object (tests) finds it done.
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!isLeafType(getNamedType(field.type))) field.resolve ??= defaultFieldResolver;
      }
    } else if (isAbstractType(type) && type.resolveType && !byTypename.has(type.resolveType)) {
      const declared = type.resolveType;
      type.resolveType = (value, context, info, abstractType) => {
        const name = (value as { __typename?: unknown } | null)?.__typename;
        return typeof name === 'string' ? name : declared(value, context, info, abstractType);
      };
      byTypename.add(type.resolveType);
    }
  }
}

const byTypename = new WeakSet<object>();

/**
 * graphql-jit's errors are not graphql-js's: no `extensions` object when the original error has none,
 * which Apollo's error formatting reads unconditionally. The same error, as graphql-js makes it.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const { message, path, originalError, extensions, locations } = error;
  const converted = new GraphQLError(message, { path, originalError: originalError ?? undefined, extensions });
  // graphql-jit has the locations but not the AST nodes graphql-js computes them from.
  if (locations) (converted as { locations: typeof locations }).locations = locations;
  return converted;
}

/**
 * graphql-jit builds answers in plain objects, where an alias named `__proto__` would set the
 * object's prototype instead of adding a key. GraphQL reserves names starting with two underscores
 * for introspection, so such aliases are refused while validating, with the place they were sent.
 */
export const NoReservedAliases: ValidationRule = (context) => ({
  [Kind.FIELD](node) {
    if (node.alias?.value.startsWith('__')) {
      context.reportError(new GraphQLError(`Alias "${node.alias.value}": names starting with "__" are reserved for introspection; choose another alias.`, { nodes: node.alias }));
    }
  },
});
