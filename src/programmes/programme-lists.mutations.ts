import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { sql } from '../database/sql.js';
import type { RequestContext } from '../graphql/context.js';
import { itemSources, LIST_DOC, setChildList, territoryId, writeLinks, writePositioned, type ChildList } from '../editing/child-lists.js';
import { DATE_DOC, SOURCES_DOC, VERSION_DOC } from '../editing/inputs.js';
import { asPayload } from '../editing/payload.js';
import { day } from '../editing/references.js';
import { lastDay } from '../shared/partial-date.js';
import { TerritoryReference } from '../editing/typed-references.js';
import { payloadType } from '../editing/user-error.js';
import { parseRef } from '../seeding/seed-refs.js';
import { PROGRAMME_KIND } from './programme.mutations.js';
import { Programme } from './programme.types.js';

/** `programmes[].territories` of the seed files: where a programme is open (`region:32`…). */
export const PROGRAMME_TERRITORIES: ChildList = {
  parent: PROGRAMME_KIND, field: 'territories',
  read: (em, id) => sql<{ ref: string }>(em,
    `select lower(t.kind) || ':' || t.code as ref from programme_territory pt join territory t on t.id = pt.territory_id
     where pt.programme_id = $1 order by t.kind, t.code`, [id]).then((rows) => rows.map((r) => r.ref)),
  async write(em, refs, id, items) {
    const territories = [];
    for (const value of items as string[]) {
      const ref = parseRef(value)!;
      territories.push({ territory_id: await territoryId(refs, ref.kind, ref.key) });
    }
    await writeLinks(em, 'programme_territory', 'programme_id', id, territories);
  },
};

/** `programmes[].deployedBy` of the seed files: the ecosystems that deploy a programme, over a period. */
export const PROGRAMME_DEPLOYMENTS: ChildList = {
  parent: PROGRAMME_KIND, field: 'deployedBy',
  read: (em, id) => sql<{ item: Record<string, unknown> }>(em,
    `select jsonb_strip_nulls(jsonb_build_object('ecosystem', e.slug, 'from', d.valid_from, 'to', d.valid_to, 'sources', ${itemSources('ProgrammeDeployment', 'd')})) as item
     from programme_deployment d join ecosystem e on e.id = d.ecosystem_id where d.programme_id = $1 order by d.position`, [id]).then((rows) => rows.map((r) => r.item)),
  async write(em, refs, id, items) {
    await writePositioned(em, 'programme_deployment', 'programme_id', id, 'ProgrammeDeployment', await Promise.all((items as Record<string, any>[]).map(async (d) => ({
      columns: { ecosystem_id: await refs.id('ecosystem', d.ecosystem), valid_from: day(d.from), valid_to: lastDay(d.to) },
      sources: d.sources as string[],
    }))));
  },
};

@InputType({ description: `Sets the territories a programme is open to. ${LIST_DOC}` })
export class ProgrammeTerritoriesSetInput {
  @Field(() => ID, { description: 'Global ID of the programme.' }) id!: string;
  @Field(() => Int, { description: VERSION_DOC }) expectedVersion!: number;
  @Field(() => [TerritoryReference], { description: 'Every territory it is open to; an empty list removes them all.' }) territories!: TerritoryReference[];
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

@InputType({ description: 'An ecosystem that deploys a programme, over a period. Rules: the seed files\' `programmes[].deployedBy`.' })
export class ProgrammeDeploymentInput {
  @Field({ description: 'Slug of the ecosystem.' }) ecosystem!: string;
  @Field(() => String, { nullable: true, description: `First day it deploys it. ${DATE_DOC}` }) from?: string;
  @Field(() => String, { nullable: true, description: `Last day it deploys it. ${DATE_DOC}` }) to?: string;
  @Field(() => [String], { description: 'Slugs of the sources that attest this deployment (at least one).' }) sources!: string[];
}

@InputType({ description: `Sets the ecosystems that deploy a programme. ${LIST_DOC}` })
export class ProgrammeDeploymentsSetInput {
  @Field(() => ID, { description: 'Global ID of the programme.' }) id!: string;
  @Field(() => Int, { description: VERSION_DOC }) expectedVersion!: number;
  @Field(() => [ProgrammeDeploymentInput], { description: 'Every ecosystem that deploys or deployed it; an empty list removes them all.' }) deployedBy!: ProgrammeDeploymentInput[];
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

const ProgrammePayload = payloadType('ProgrammePayload', Programme, 'programme', 'What a programme mutation did.');

@Resolver()
export class ProgrammeListMutations {
  @Mutation(() => ProgrammePayload, { description: 'Sets the territories a programme is open to (editors); states the version it is based on.' })
  async programmeTerritoriesSet(@Arg('input', () => ProgrammeTerritoriesSetInput, { description: 'The programme and its whole list.' }) input: ProgrammeTerritoriesSetInput, @Ctx() ctx: RequestContext) {
    return asPayload('programme', await setChildList(ctx, PROGRAMME_TERRITORIES, 'programmeTerritoriesSet', input as never));
  }

  @Mutation(() => ProgrammePayload, { description: 'Sets the ecosystems that deploy a programme, with the periods (editors); states the version it is based on.' })
  async programmeDeploymentsSet(@Arg('input', () => ProgrammeDeploymentsSetInput, { description: 'The programme and its whole list.' }) input: ProgrammeDeploymentsSetInput, @Ctx() ctx: RequestContext) {
    return asPayload('programme', await setChildList(ctx, PROGRAMME_DEPLOYMENTS, 'programmeDeploymentsSet', input as never));
  }
}
