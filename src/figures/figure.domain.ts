import type { Domain } from '../graphql/domain.js';
import { Figure as FigureEntity } from './figure.entity.js';
import { FigureResolver, SUBJECT_FIGURES_RESOLVERS } from './figure.resolver.js';
import { FigureMutations } from './figure.mutations.js';
import { Figure } from './figure.types.js';
import { figureById } from './figure.loaders.js';

/** Figures, and `figures` on every type a figure can be about. */
export const FIGURES: Domain = {
  name: 'figures',
  resolvers: [FigureResolver, ...SUBJECT_FIGURES_RESOLVERS, FigureMutations],
  nodes: { Figure: figureById },
  versioned: [{ type: Figure, table: 'figure' }],
  entities: [FigureEntity],
};
