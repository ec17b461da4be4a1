/**
 * /playground/hierarchy: the label hierarchy as a tree on a chosen day (La French Tech → capitals →
 * communities), each node with its label kind, the label's period and the associations carrying it,
 * and links that open the GraphQL query behind it in the playground. Plain DOM, no framework.
 */
import './hierarchy.css';
import { authorizedFetch } from './token';

const NODE_FIELDS = `slug
  name(asOf: $asOf)
  label(asOf: $asOf) { kind validFrom validTo campaign { name } }
  carriers(asOf: $asOf) { slug name }`;

/** The whole tree: the root and three levels below it. */
export const TREE_QUERY = `# The label hierarchy as of a date: each ecosystem with its label (kind, period, campaign)
# and the associations carrying it, from La French Tech down to the communities.
query LabelTree($asOf: LocalDate!) {
  network(asOf: $asOf) {
    asOf
    counts { kind count }
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

/** One node of the tree, as the playground opens it. */
export const NODE_QUERY = `# One ecosystem of the label hierarchy as of a date: its label, its carriers, its parent and children.
query HierarchyNode($slug: String!, $asOf: LocalDate!) {
  ecosystem(slug: $slug) {
    ${NODE_FIELDS.replace(/\n/g, '\n    ')}
    parent(asOf: $asOf) { slug name(asOf: $asOf) }
    children(asOf: $asOf) { slug name(asOf: $asOf) label(asOf: $asOf) { kind } }
    labels { kind validFrom validTo campaign { name } }
  }
}
`;

interface TreeNode {
  slug: string;
  name: string;
  label: { kind: string; validFrom: string; validTo: string | null; campaign: { name: string } | null } | null;
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
  const period = node.label ? `${node.label.validFrom} – ${node.label.validTo ?? 'open'}` : 'none on this date';
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
  try {
    const response = await authorizedFetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: TREE_QUERY, variables }),
    });
    if (request !== latest) return; // a later date was asked meanwhile
    const body = (await response.json()) as { data?: { network: { asOf: string; counts: { kind: string; count: number }[]; root: TreeNode | null } }; errors?: { message: string }[] };
    if (request !== latest) return;
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    const network = body.data!.network;
    if (!network.root) {
      status.textContent = `No network on ${asOf}.`;
      return;
    }
    const counts = network.counts.map((c) => `${c.count} ${c.count === 1 ? KIND_NAMES[c.kind]?.[0].toLowerCase() ?? c.kind : KIND_NAMES[c.kind]?.[1] ?? c.kind}`).join(', ');
    status.textContent = `The network as of ${network.asOf}: ${counts || 'no labels'}.`;
    tree.replaceChildren(renderNode(network.root, network.asOf));
    tree.dataset.asOf = network.asOf;
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
