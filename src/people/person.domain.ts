import type { Domain } from '../graphql/domain.js';
import { Person as PersonEntity } from './person.entity.js';
import { Role as RoleEntity } from './role.entity.js';
import { PersonResolver, RoleResolver } from './person.resolver.js';
import { PersonContactResolver } from './person-contact.js';
import { RoleMutations } from './role.mutations.js';
import { Role } from './role.types.js';
import { personById, personBySlug, roleById } from './person.loaders.js';

/** People, their roles, and their contact details (for token holders). */
export const PEOPLE: Domain = {
  name: 'people',
  resolvers: [PersonResolver, RoleResolver, PersonContactResolver, RoleMutations],
  nodes: { Person: personById, Role: roleById },
  slugs: { Person: personBySlug },
  versioned: [{ type: Role, table: 'role' }],
  entities: [PersonEntity, RoleEntity],
};
