import type { Domain } from '../graphql/domain.js';
import { ApiToken } from './api-token.entity.js';
import { ApiTokenResolver } from './token.resolver.js';

/** API tokens, as their holders see them. */
export const AUTH: Domain = {
  name: 'auth',
  resolvers: [ApiTokenResolver],
  entities: [ApiToken],
};
