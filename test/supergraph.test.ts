import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { startTestApi, type TestApi } from './support/app.js';
import { JOB_BOARD_SDL, startJobBoard, type RunningService } from './partner-job-board/job-board.js';
import { startGateway } from './partner-job-board/gateway.js';

/**
 * maillage composed with a partner's subgraph (test/partner-job-board/): composition, then one
 * query through a real @apollo/gateway that crosses both services.
 */

/**
 * Composition hints that reveal a design problem: the subgraphs disagree on a shared type, field,
 * argument, enum or directive, an entity is keyed in one subgraph only, `@override` is misused, or a
 * subgraph uses federation features beyond the version it links.
 */
const PROBLEM_HINTS = new Set([
  'INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE', 'INCONSISTENT_BUT_COMPATIBLE_ARGUMENT_TYPE', 'INCONSISTENT_DEFAULT_VALUE_PRESENCE',
  'INCONSISTENT_ENTITY', 'INCONSISTENT_OBJECT_VALUE_TYPE_FIELD', 'INCONSISTENT_INTERFACE_VALUE_TYPE_FIELD', 'INCONSISTENT_INPUT_OBJECT_FIELD',
  'INCONSISTENT_UNION_MEMBER', 'INCONSISTENT_ENUM_VALUE_FOR_INPUT_ENUM', 'INCONSISTENT_ENUM_VALUE_FOR_OUTPUT_ENUM',
  'INCONSISTENT_TYPE_SYSTEM_DIRECTIVE_REPEATABLE', 'INCONSISTENT_TYPE_SYSTEM_DIRECTIVE_LOCATIONS', 'INCONSISTENT_EXECUTABLE_DIRECTIVE_PRESENCE',
  'NO_EXECUTABLE_DIRECTIVE_INTERSECTION', 'INCONSISTENT_EXECUTABLE_DIRECTIVE_REPEATABLE', 'INCONSISTENT_EXECUTABLE_DIRECTIVE_LOCATIONS',
  'INCONSISTENT_ARGUMENT_PRESENCE', 'FROM_SUBGRAPH_DOES_NOT_EXIST', 'OVERRIDDEN_FIELD_CAN_BE_REMOVED', 'OVERRIDE_DIRECTIVE_CAN_BE_REMOVED',
  'OVERRIDE_MIGRATION_IN_PROGRESS', 'UNUSED_ENUM_TYPE', 'INCONSISTENT_NON_REPEATABLE_DIRECTIVE_ARGUMENTS', 'MERGED_NON_REPEATABLE_DIRECTIVE_ARGUMENTS',
  'DIRECTIVE_COMPOSITION_WARN', 'INCONSISTENT_RUNTIME_TYPES_FOR_SHAREABLE_RETURN', 'IMPLICITLY_UPGRADED_FEDERATION_VERSION',
  'CONTEXTUAL_ARGUMENT_NOT_CONTEXTUAL_IN_ALL_SUBGRAPHS',
]);
/** Hints that are only informative (two subgraphs describing a shared element in their own words; custom directive notes). */
const HARMLESS_HINTS = new Set(['INCONSISTENT_DESCRIPTION', 'DIRECTIVE_COMPOSITION_INFO']);

let api: TestApi;
let jobBoard: RunningService;
let gateway: RunningService | undefined;
beforeAll(async () => {
  api = await startTestApi();
  jobBoard = await startJobBoard();
});
afterAll(async () => {
  await gateway?.stop();
  await jobBoard?.stop();
  await api?.stop();
});

test('maillage and the job board compose without errors or hints of a design problem', async () => {
  const { body } = await api.graphql('{ _service { sdl } }');
  const result = composeServices([
    { name: 'maillage', url: `${api.url}/graphql`, typeDefs: parse(body.data._service.sdl) },
    { name: 'jobs', url: jobBoard.url, typeDefs: parse(JOB_BOARD_SDL) },
  ]);
  expect(result.errors?.map((e) => e.message) ?? []).toEqual([]);
  const hints = result.hints ?? [];
  const unclassified = hints.filter((h) => !PROBLEM_HINTS.has(h.definition.code) && !HARMLESS_HINTS.has(h.definition.code));
  expect(unclassified.map((h) => `${h.definition.code}: ${h.message}`)).toEqual([]);
  expect(hints.filter((h) => PROBLEM_HINTS.has(h.definition.code)).map((h) => `${h.definition.code}: ${h.message}`)).toEqual([]);
  // The supergraph has maillage's Ecosystem with the job board's field on it.
  expect(result.supergraphSdl).toMatch(/openPositions: \[JobOffer!\]!/);
});

test('a gateway resolves one query across both: the communities of a capital, their label path and their offers', async () => {
  gateway = await startGateway([{ name: 'maillage', url: `${api.url}/graphql` }, { name: 'jobs', url: jobBoard.url }]);
  const response = await fetch(gateway.url, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `{ ecosystem(slug: "french-tech-lille") { name children(asOf: "2019-06-01") { slug name ancestors(asOf: "2019-06-01") { name } openPositions { title company contractType postedOn } } } }`,
    }),
  });
  const body = (await response.json()) as any;
  expect(body.errors).toBeUndefined();
  const { children } = body.data.ecosystem;
  expect(children.map((c: any) => c.slug)).toEqual(['french-tech-artois', 'french-tech-grand-hainaut', 'french-tech-littoral-hauts-de-france', 'french-tech-picardie']);
  for (const child of children) expect(child.ancestors.map((a: any) => a.name)).toEqual(['La French Tech', 'French Tech Lille']);
  const littoral = children.find((c: any) => c.slug === 'french-tech-littoral-hauts-de-france');
  expect(littoral.name).toBe('French Tech Littoral Hauts-de-France');
  expect(littoral.openPositions).toEqual([
    { title: 'Alternance data analyst (exemple fictif)', company: 'Démo & Fils', contractType: 'ALTERNANCE', postedOn: '2019-05-27' },
    { title: 'Développeur·se TypeScript (exemple fictif)', company: 'Exemple SARL', contractType: 'CDI', postedOn: '2019-05-20' },
  ]);
  expect(children.find((c: any) => c.slug === 'french-tech-picardie').openPositions).toEqual([]);
});
