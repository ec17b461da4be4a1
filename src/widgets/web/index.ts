// /widgets/v1/maillage.js: defines the four widgets. The map's drawing and outlines are a chunk
// loaded only when a <maillage-map> connects.
import { MaillageEcosystem } from './ecosystem.js';
import { MaillageEvents } from './events.js';
import { MaillageMap } from './map.js';
import { MaillageProgrammes } from './programmes.js';

const elements: [string, CustomElementConstructor][] = [
  ['maillage-ecosystem', MaillageEcosystem],
  ['maillage-events', MaillageEvents],
  ['maillage-programmes', MaillageProgrammes],
  ['maillage-map', MaillageMap],
];
// A page may load the script twice (two snippets, two versions): the first definition wins, quietly.
for (const [name, element] of elements) if (!customElements.get(name)) customElements.define(name, element);

export { MaillageEcosystem, MaillageEvents, MaillageMap, MaillageProgrammes };
