import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, InputType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import { inLanguage, Language, LANG_DOC } from '../graphql/language.js';
import { connectionType, PageArgs, paginate } from '../graphql/pagination.js';
import { Source } from '../sources/source.types.js';
import { sourcesOf } from '../sources/source.loaders.js';
import { Ecosystem } from '../ecosystems/ecosystem.types.js';
import { Association } from '../associations/association.types.js';
import { Institution } from '../institutions/institution.types.js';
import { loadReference } from '../people/organisation.js';
// Targets may be programmes or events: make sure their node loaders are registered.
import '../programmes/programme.loaders.js';
import '../events/event.loaders.js';
import { Actor } from './actor.js';
import { Partnership, PartnershipRole, PartnershipTarget } from './partnership.types.js';
import { PARTNERSHIP_COLUMNS, partnershipsByParty, toPartnership, type PartnershipNode, type PartnershipRow } from './partnership.loaders.js';

export const PartnershipConnection = connectionType(Partnership, 'Partnership', 'partnership');

export enum PartnershipSide { PARTNER = 'PARTNER', TARGET = 'TARGET' }
registerEnumType(PartnershipSide, {
  name: 'PartnershipSide',
  description: 'Which end of a partnership a record is on.',
  valuesConfig: {
    PARTNER: { description: 'The record is the partner (it supports something).' },
    TARGET: { description: 'The record is what the partnership supports.' },
  },
});

@InputType({ description: 'Narrows a list of partnerships. Every condition given must hold.' })
export class PartnershipFilter {
  @Field(() => PartnershipRole, { nullable: true, description: 'Only partnerships with this role.' })
  role?: PartnershipRole;

  @Field(() => String, { nullable: true, description: 'Only partnerships whose partner (association or institution) has this slug.' })
  partnerSlug?: string;
}

@ArgsType()
class PartnershipListArgs extends PageArgs {
  @Field(() => PartnershipFilter, { nullable: true, description: 'Conditions on the partnerships.' })
  filter?: PartnershipFilter;
}

const SIDE_ARG = { nullable: true, description: 'Only partnerships where this record is on that side; default: both.' } as const;

async function partnershipsOf(ctx: RequestContext, uuid: string, side?: PartnershipSide | null) {
  const all = await ctx.loader(partnershipsByParty).load(uuid);
  return side ? all.filter((p) => p.side === side) : all;
}

@Resolver(() => Partnership)
export class PartnershipResolver {
  @FieldResolver(() => String, { nullable: true, description: 'What the sources say about it, often in their own words, in the language asked (French by default).' })
  note(@Root() p: Partnership, @Ctx() ctx: RequestContext, @Arg('lang', () => Language, { nullable: true, description: LANG_DOC }) lang?: Language | null) {
    return inLanguage(lang ?? ctx.lang, p.note, p.noteEn);
  }

  @Query(() => PartnershipConnection, { description: 'Partnerships of the network, in a stable order (partner, target, role).' })
  partnerships(@Args() args: PartnershipListArgs, @Ctx() ctx: RequestContext) {
    const filter = args.filter ?? {};
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.role) where.push(`p.role = $${params.push(filter.role)}`);
    if (filter.partnerSlug) {
      const n = params.push(filter.partnerSlug);
      where.push(`(exists (select 1 from association a where a.id = p.partner_id and a.slug = $${n})
                   or exists (select 1 from institution i where i.id = p.partner_id and i.slug = $${n}))`);
    }
    return paginate<PartnershipRow>(ctx, {
      select: PARTNERSHIP_COLUMNS, from: 'partnership p', where, params, orderBy: ['p.key'], idColumn: 'p.id',
      cursorOf: (r) => [r.key], toNode: toPartnership,
    }, args);
  }

  @FieldResolver(() => Actor, { description: 'Who supports: an association or an institution.' })
  partner(@Root() p: PartnershipNode, @Ctx() ctx: RequestContext) {
    return loadReference(ctx, p.partnerType, p.partnerId);
  }

  @FieldResolver(() => PartnershipTarget, { description: 'What is supported: an ecosystem, an association, an institution, a programme or an event.' })
  target(@Root() p: PartnershipNode, @Ctx() ctx: RequestContext) {
    return loadReference(ctx, p.targetType, p.targetId);
  }

  @FieldResolver(() => [Source], { description: 'Where the partnership is attested.' })
  sources(@Root() p: PartnershipNode, @Ctx() ctx: RequestContext) {
    return sourcesOf(ctx, p);
  }
}

@Resolver(() => Ecosystem)
export class EcosystemPartnershipsResolver {
  @FieldResolver(() => [Partnership], { description: 'Partnerships supporting this ecosystem (the Mission French Tech as label authority…), oldest first.' })
  partnerships(@Root() e: { uuid: string }, @Ctx() ctx: RequestContext, @Arg('side', () => PartnershipSide, SIDE_ARG) side?: PartnershipSide) {
    return partnershipsOf(ctx, e.uuid, side);
  }
}

@Resolver(() => Association)
export class AssociationPartnershipsResolver {
  @FieldResolver(() => [Partnership], { description: 'Partnerships this association gives (as partner) or receives (as target), oldest first.' })
  partnerships(@Root() a: { uuid: string }, @Ctx() ctx: RequestContext, @Arg('side', () => PartnershipSide, SIDE_ARG) side?: PartnershipSide) {
    return partnershipsOf(ctx, a.uuid, side);
  }
}

@Resolver(() => Institution)
export class InstitutionPartnershipsResolver {
  @FieldResolver(() => [Partnership], { description: 'Partnerships this institution gives (as partner) or receives (as target), oldest first.' })
  partnerships(@Root() i: { uuid: string }, @Ctx() ctx: RequestContext, @Arg('side', () => PartnershipSide, SIDE_ARG) side?: PartnershipSide) {
    return partnershipsOf(ctx, i.uuid, side);
  }
}
