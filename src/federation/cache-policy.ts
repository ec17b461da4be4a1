import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType, isAbstractType, isCompositeType, Kind,
  type DirectiveNode, type DocumentNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLField,
  type GraphQLNamedType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';

/**
 * HTTP caching of public answers, without Apollo's cache-control plugin (it wraps every field
 * resolver: ~12 % of CPU on the national map, STACK.md). The hints are the `@cacheControl(maxAge:)`
 * directives of the schema; the policy of an operation is worked out once per parsed document from
 * its selections, not per resolved field:
 *
 * - every field whose (named) type carries a hint, or that carries one itself, caps the answer's
 *   maxAge; an interface or union caps it with the smallest hint of its possible types;
 * - types and fields without a hint (value types, connections, scalars) inherit from their parent;
 * - an operation that meets no hint at all (`{ _service { sdl } }`, introspection) gets no header,
 *   and so do mutations, answers with errors and requests made with a token (personal data).
 *
 * So `_entities` about Ecosystems, Hubs… answers with `cache-control: max-age=300, public`, as does
 * `ecosystem(slug:) { name }`.
 */
export function cachePolicyPlugin<Context extends object>(schema: GraphQLSchema): ApolloServerPlugin<Context> {
  const typeHints = new Map<string, number>();
  for (const type of Object.values(schema.getTypeMap())) {
    const maxAge = maxAgeOf(type.astNode?.directives);
    if (maxAge !== undefined) typeHints.set(type.name, maxAge);
  }
  const policies = new WeakMap<DocumentNode, Map<string, number | null>>();

  const hintOfType = (type: GraphQLNamedType): number | undefined => {
    if (!isAbstractType(type)) return typeHints.get(type.name);
    const hints = schema.getPossibleTypes(type).map((t) => typeHints.get(t.name)).filter((h): h is number => h !== undefined);
    return hints.length ? Math.min(...hints) : typeHints.get(type.name);
  };

  function policyOf(document: DocumentNode, operation: OperationDefinitionNode): number | null {
    if (operation.operation !== 'query') return null;
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    let maxAge: number | null = null;
    const cap = (hint: number | undefined) => { if (hint !== undefined) maxAge = maxAge === null ? hint : Math.min(maxAge, hint); };
    const seen = new Set<string>();
    const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType) => {
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          // Unions have no fields of their own (only __typename); introspection fields inherit.
          if (selection.name.value.startsWith('__') || !('getFields' in parent)) continue;
          const field = parent.getFields()[selection.name.value] as GraphQLField<unknown, unknown> | undefined;
          if (!field) continue;
          const type = getNamedType(field.type);
          cap(maxAgeOf(field.astNode?.directives) ?? hintOfType(type));
          if (selection.selectionSet && isCompositeType(type)) walk(selection.selectionSet, type);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
          if (on && isCompositeType(on)) walk(selection.selectionSet, on);
        } else {
          const fragment = fragments.get(selection.name.value);
          if (!fragment || seen.has(fragment.name.value)) continue;
          seen.add(fragment.name.value);
          const on = schema.getType(fragment.typeCondition.name.value);
          if (on && isCompositeType(on)) walk(fragment.selectionSet, on);
        }
      }
    };
    const root = schema.getQueryType();
    if (root) walk(operation.selectionSet, root);
    return maxAge;
  }

  return {
    async requestDidStart() {
      return {
        async willSendResponse({ document, operation, response, request, contextValue }) {
          if (!document || !operation || response.body.kind !== 'single' || response.body.singleResult.errors?.length) return;
          if (request.http?.headers.get('authorization') || (contextValue as { viewer?: unknown }).viewer) return;
          let byOperation = policies.get(document);
          if (!byOperation) policies.set(document, (byOperation = new Map()));
          const name = operation.name?.value ?? '';
          let maxAge = byOperation.get(name);
          if (maxAge === undefined) byOperation.set(name, (maxAge = policyOf(document, operation)));
          if (maxAge !== null && maxAge > 0 && !response.http.headers.has('cache-control')) {
            response.http.headers.set('cache-control', `max-age=${maxAge}, public`);
          }
        },
      };
    },
  };
}

function maxAgeOf(directives: readonly DirectiveNode[] | undefined): number | undefined {
  const hint = directives?.find((d) => d.name.value === 'cacheControl');
  const value = hint?.arguments?.find((a) => a.name.value === 'maxAge')?.value;
  return value?.kind === Kind.INT ? Number(value.value) : undefined;
}
