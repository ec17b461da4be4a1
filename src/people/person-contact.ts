import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { byKey, defineLoader, type RequestContext } from '../graphql/context.js';
import { sql } from '../database/sql.js';
import { hasRole } from '../auth/viewer.js';
import { Person } from './person.types.js';
import type { PersonNode } from './person.loaders.js';

@ObjectType({ description: 'How to reach a person, as a source printed it (a press contact\'s phone number). Personal data: served to API tokens only (role viewer and up).' })
export class PersonContact {
  @Field(() => String, { nullable: true, description: 'Phone number, as the source printed it.' })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'Email address.' })
  email!: string | null;
}

interface ContactRow { id: string; contact_phone: string | null; contact_email: string | null }

/**
 * The only statement that reads `contact_phone` / `contact_email`. It is reached from the `contact`
 * field alone, and only once the viewer's role has been checked: the person loaders behind `node`,
 * `search`, `people`, `Role.person` and federation's `_entities` never select these columns.
 */
const contactByPerson = defineLoader<string, PersonContact | null>(async (ctx, ids) => {
  if (!hasRole(ctx.viewer, 'viewer')) throw new Error('contact details read without a viewer token');
  const rows = await sql<ContactRow>(ctx.em,
    `select p.id, p.contact_phone, p.contact_email from person p
     where p.id = any($1::uuid[]) and (p.contact_phone is not null or p.contact_email is not null)`, [ids]);
  return byKey(ids, rows, (r) => r.id).map((r) => (r ? { phone: r.contact_phone, email: r.contact_email } : null));
});

@Resolver(() => Person)
export class PersonContactResolver {
  @FieldResolver(() => PersonContact, {
    nullable: true,
    description: 'Contact details (personal data). Null for the public: only requests with an API token (role viewer and up) get them; null as well when no source gives any.',
  })
  contact(@Root() p: PersonNode, @Ctx() ctx: RequestContext): Promise<PersonContact | null> | null {
    if (!hasRole(ctx.viewer, 'viewer')) return null;
    return ctx.loader(contactByPerson).load(p.uuid);
  }
}
