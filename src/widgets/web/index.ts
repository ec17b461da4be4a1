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

// On maillage's embed pages (/embed/*) inside an iframe: tell the host page the content's height, so a
// host that listens can size the iframe ({ type: 'maillage:resize', height }, any origin may read it:
// it is public).
if (document.documentElement.hasAttribute('data-maillage-embed') && window.parent !== window) {
  let last = 0;
  const post = () => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'maillage:resize', height, page: location.pathname }, '*');
  };
  new ResizeObserver(post).observe(document.body);
}

export { MaillageEcosystem, MaillageEvents, MaillageMap, MaillageProgrammes };
