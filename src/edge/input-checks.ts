import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError, TypeInfo, getNamedType, getNullableType, isInputObjectType, isListType, valueFromAST, visit, visitWithTypeInfo,
  Kind, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import { DocumentMemo } from './document-memo.js';

/**
 * Argument values that would only fail deep in PostgreSQL, refused before execution with HTTP 400 and
 * BAD_USER_INPUT naming the argument (found by fuzzing the API, issue 7):
 * - a NUL character in any string (PostgreSQL text cannot hold one);
 * - a date outside years 1–9999 (`0000-01-01`: PostgreSQL has no year 0);
 * - a cursor (`after`/`before`) longer than any cursor this API hands out, or any string longer than
 *   MAX_STRING: the answer never echoes a huge input back.
 */
export const MAX_STRING = 10_000;
export const MAX_CURSOR = 512;
const DATE_TYPES = new Set(['LocalDate', 'DateTime', 'Date']);

export function checkArguments(schema: GraphQLSchema, document: Parameters<typeof visit>[0], variables: Record<string, unknown> | undefined): GraphQLError | null {
  const typeInfo = new TypeInfo(schema);
  let found: GraphQLError | null = null;
  visit(document, visitWithTypeInfo(typeInfo, {
    Argument(node) {
      if (found) return false;
      const definition = typeInfo.getArgument();
      if (!definition) return;
      // Variables are read raw (valueFromAST hands them through): that is what reaches the resolvers.
      const value = node.value.kind === Kind.VARIABLE ? variables?.[node.value.name.value] : valueFromAST(node.value, definition.type, variables);
      found = checkValue(definition.name, definition.type, value);
      return undefined;
    },
  }));
  return found;
}

function checkValue(path: string, type: GraphQLInputType, value: unknown): GraphQLError | null {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return checkValue(path, nullable.ofType, value);
    for (const [i, item] of value.entries()) {
      const error = checkValue(`${path}[${i}]`, nullable.ofType, item);
      if (error) return error;
    }
    return null;
  }
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    if (typeof value !== 'object') return null;
    const fields = named.getFields();
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[key];
      if (!field) continue;
      const error = checkValue(`${path}.${key}`, field.type, item);
      if (error) return error;
    }
    return null;
  }
  if (typeof value !== 'string') return null;
  if (value.includes('\u0000')) return bad(path, 'must not contain a NUL character (\\u0000)');
  const leaf = path.slice(path.lastIndexOf('.') + 1);
  if ((leaf === 'after' || leaf === 'before') && value.length > MAX_CURSOR) return bad(path, `is not a cursor of this list (${value.length} characters; cursors are shorter than ${MAX_CURSOR})`);
  if (value.length > MAX_STRING) return bad(path, `is too long (${value.length} characters, at most ${MAX_STRING})`);
  if (DATE_TYPES.has(named.name)) {
    const year = /^(\d{4,})-/.exec(value)?.[1];
    if (year !== undefined && (Number(year) < 1 || Number(year) > 9999)) return bad(path, `"${value.slice(0, 40)}" is out of range (years 0001 to 9999)`);
  }
  return null;
}

function bad(argument: string, reason: string): GraphQLError {
  return new GraphQLError(`Argument "${argument}": ${reason}`, {
    extensions: { code: 'BAD_USER_INPUT', argumentName: argument, http: { status: 400, headers: new HeaderMap() } },
  });
}

export function inputChecksPlugin<Context extends object>(schema: GraphQLSchema): ApolloServerPlugin<Context> {
  // Whether a document passes with these variables; a refusal is worked out again for its own error.
  const passes = new DocumentMemo<boolean>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          if (passes.get(document, operationName, request.variables, () => checkArguments(schema, document, request.variables) === null)) return;
          const error = checkArguments(schema, document, request.variables);
          if (error) throw error;
        },
      };
    },
  };
}
