/**
 * /playground/hierarchy: the label hierarchy as a tree on a chosen day (La French Tech → capitals →
 * communities), each node with its label kind, the label's period (as precisely as the sources date
 * it) and the associations carrying it, and links that open the GraphQL query behind it in the
 * playground. Above the tree: how far the sources confirm the network (a day after the last sourced
 * period shows the last confirmed state, said so), how many labels the data names against the
 * official counts, and the labels whose renewal no source confirms. Plain DOM, no framework.
 */
import './hierarchy.css';
import { authorizedFetch } from './token';

const NODE_FIELDS = `slug
  name(asOf: $asOf)
  label(asOf: $asOf) { kind validFrom validTo start { text } end { text } status(asOf: $asOf) campaign { name } }
  carriers(asOf: $asOf) { slug name }`;

/** The whole tree: the root and three levels below it. */
export const TREE_QUERY = `# The label hierarchy as of a date: each ecosystem with its label (kind, period, campaign)
# and the associations carrying it, from La French Tech down to the communities.
query LabelTree($asOf: LocalDate!) {
  network(asOf: $asOf) {
    asOf stateOn confirmedUntil confirmed
    counts { kind count }
    coverage { kind inFrance named officialCount official { asOf { text } sources { publisher } } }
    unconfirmed { slug name(asOf: $asOf) }
    root {
      ...TreeNode
      children(asOf: $asOf) {
        ...TreeNode
        children(asOf: $asOf) {
          ...TreeNode
          children(asOf: $asOf) { ...TreeNode }
        }
      }
    }
  }
}

fragment TreeNode on Ecosystem {
  ${NODE_FIELDS.replace(/\n/g, '\n  ')}
}
`;

/** How far the sources reach on the day asked: the tree is then drawn on `stateOn`. */
export const CERTAINTY_QUERY = `query Certainty($asOf: LocalDate!) { network(asOf: $asOf) { asOf stateOn confirmedUntil confirmed } }`;

/** One node of the tree, as the playground opens it. */
export const NODE_QUERY = `# One ecosystem of the label hierarchy as of a date: its label, its carriers, its parent and children.
query HierarchyNode($slug: String!, $asOf: LocalDate!) {
  ecosystem(slug: $slug) {
    ${NODE_FIELDS.replace(/\n/g, '\n    ')}
    parent(asOf: $asOf) { slug name(asOf: $asOf) }
    children(asOf: $asOf) { slug name(asOf: $asOf) label(asOf: $asOf) { kind } }
    labels { kind validFrom validTo start { text } end { text } status(asOf: $asOf) endConfirmed campaign { name } }
  }
}
`;

interface TreeNode {
  slug: string;
  name: string;
  label: { kind: string; validFrom: string; validTo: string | null; start: { text: string }; end: { text: string } | null; status: string; campaign: { name: string } | null } | null;
  carriers: { slug: string; name: string }[];
  children?: TreeNode[];
}

const KIND_NAMES: Record<string, [one: string, many: string]> = {
  NATIONAL: ['National', 'national'], CAPITAL: ['Capital', 'capitals'], COMMUNITY: ['Community', 'communities'],
  HUB_ABROAD: ['Hub abroad', 'hubs abroad'], METROPOLE: ['Métropole', 'métropoles'], THEMATIC_NETWORK: ['Thematic network', 'thematic networks'],
};

export function playgroundLink(query: string, variables: Record<string, unknown>): string {
  const params = new URLSearchParams({ query, variables: JSON.stringify(variables, null, 2) });
  return `/playground?${params}`;
}

function todayInParis(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { className?: string } = {}, ...children: (Node | string | null)[]) {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

function renderNode(node: TreeNode, asOf: string): HTMLLIElement {
  const kind = node.label?.kind ?? 'NONE';
  const period = node.label ? `${node.label.start.text} – ${node.label.end?.text ?? 'open'}` : 'none on this date';
  const campaign = node.label?.campaign ? ` (${node.label.campaign.name})` : '';
  const carriers = node.carriers.length ? node.carriers.map((c) => c.name).join(', ') : 'no carrier recorded';
  const item = el('li', { className: 'node' });
  item.dataset.slug = node.slug;
  item.dataset.kind = kind;
  item.append(el('div', { className: 'node-line' },
    el('span', { className: `kind kind-${kind.toLowerCase()}`, textContent: KIND_NAMES[kind]?.[0] ?? kind }),
    el('span', { className: 'name', textContent: node.name }),
    el('span', { className: 'period', title: 'label period', textContent: `label ${period}${campaign}` }),
    el('span', { className: 'carriers', title: 'carried by', textContent: `carried by ${carriers}` }),
    el('a', { className: 'query-link', href: playgroundLink(NODE_QUERY, { slug: node.slug, asOf }), textContent: 'query', title: 'Open the query fetching this node in the playground' }),
  ));
  if (node.children?.length) {
    const list = el('ul');
    for (const child of node.children) list.append(renderNode(child, asOf));
    item.append(list);
  }
  return item;
}

let latest = 0;

interface Network {
  asOf: string; stateOn: string; confirmedUntil: string | null; confirmed: boolean;
  counts: { kind: string; count: number }[];
  coverage: { kind: string; inFrance: boolean; named: number; officialCount: number | null; official: { asOf: { text: string }; sources: { publisher: string }[] } | null }[];
  unconfirmed: { slug: string; name: string }[];
  root: TreeNode | null;
}

async function graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await authorizedFetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data!;
}

/** "communities in France: 18 named of 38 (official figure 2019-04-03, ipreunion)". */
function coverageText(network: Network): string {
  return network.coverage.map((c) => {
    const what = `${KIND_NAMES[c.kind]?.[1] ?? c.kind} ${c.inFrance ? 'in France' : 'abroad'}`;
    const official = c.officialCount === null ? 'no official count'
      : `of ${c.officialCount} (official figure ${c.official!.asOf.text}, ${c.official!.sources.map((s) => s.publisher).join(', ')})`;
    return `${what}: ${c.named} named ${official}`;
  }).join('; ');
}

async function show(asOf: string) {
  const request = ++latest;
  const status = document.getElementById('status')!;
  const tree = document.getElementById('tree')!;
  const variables = { asOf };
  (document.getElementById('open-query') as HTMLAnchorElement).href = playgroundLink(TREE_QUERY, variables);
  status.textContent = `Loading the network as of ${asOf}…`;
  status.classList.remove('error');
  tree.replaceChildren();
  delete tree.dataset.asOf;
  tree.setAttribute('aria-busy', 'true');
  const coverage = document.getElementById('coverage')!;
  const unconfirmed = document.getElementById('unconfirmed')!;
  coverage.textContent = '';
  unconfirmed.textContent = '';
  try {
    // After the last sourced period the tree is drawn on the last confirmed day, and said so.
    const { network: certainty } = await graphql<{ network: { stateOn: string } }>(CERTAINTY_QUERY, variables);
    if (request !== latest) return; // a later date was asked meanwhile
    const { network } = await graphql<{ network: Network }>(TREE_QUERY, { asOf: certainty.stateOn });
    if (request !== latest) return;
    if (!network.root) {
      status.textContent = `No network on ${asOf}.`;
      return;
    }
    const counts = network.counts.map((c) => `${c.count} ${c.count === 1 ? KIND_NAMES[c.kind]?.[0].toLowerCase() ?? c.kind : KIND_NAMES[c.kind]?.[1] ?? c.kind}`).join(', ');
    status.textContent = certainty.stateOn === asOf
      ? `The network as of ${network.asOf}: ${counts || 'no labels'}.`
      : `No source covers ${asOf}: the labelling periods the sources give end on ${network.confirmedUntil}. The network as last confirmed, on ${network.stateOn}: ${counts || 'no labels'}.`;
    status.classList.toggle('unconfirmed', certainty.stateOn !== asOf);
    coverage.textContent = `Named in the data against the official counts — ${coverageText(network)}.`;
    if (network.unconfirmed.length) {
      unconfirmed.textContent = `${network.unconfirmed.length} earlier label(s) whose renewal no source confirms (status UNCONFIRMED, not shown in the tree): ${network.unconfirmed.map((e) => e.name).join(', ')}.`;
    }
    tree.replaceChildren(renderNode(network.root, network.stateOn));
    tree.dataset.asOf = asOf;
    tree.dataset.stateOn = network.stateOn;
    tree.removeAttribute('aria-busy');
  } catch (err) {
    if (request !== latest) return;
    status.textContent = `Could not load the hierarchy: ${(err as Error).message}`;
    tree.removeAttribute('aria-busy');
    status.classList.add('error');
  }
}

function start() {
  const input = document.getElementById('as-of') as HTMLInputElement;
  const params = new URLSearchParams(location.search);
  input.value = params.get('asOf') ?? todayInParis();
  document.getElementById('controls')!.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!input.value) return;
    history.replaceState(null, '', `?asOf=${input.value}`);
    void show(input.value);
  });
  input.addEventListener('change', () => {
    if (!input.value) return;
    history.replaceState(null, '', `?asOf=${input.value}`);
    void show(input.value);
  });
  void show(input.value);
}

start();
