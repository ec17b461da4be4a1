/**
 * /playground/hierarchy: the label hierarchy as a tree on a chosen day (La French Tech → capitals →
 * communities), each node with its label kind, the label's period (as precisely as the sources date
 * it) and the associations carrying it, and links that open the GraphQL query behind it in the
 * playground. Above the tree: how far the sources confirm the network (a day after the last sourced
 * period shows the last confirmed state, said so), how many labels the data names against the
 * official counts, and the labels whose renewal no source confirms. It also compares two days
 * (granted, withdrawn, renamed, moved), groups France / abroad or by region, filters by name, and
 * shows the day's network on <maillage-map>. Plain DOM, no framework.
 */
import './hierarchy.css';
import { authorizedFetch } from './token';
import { loadWidgets } from './widgets';

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

/** POSTs a query and returns its data; GraphQL errors become an Error. */
async function post<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await authorizedFetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data!;
}

interface Flat { slug: string; name: string; kind: string | null; parent: string | null; node: TreeNode }

/** Every ecosystem of a tree by slug, with its parent's slug. */
export function flatten(node: TreeNode, parent: string | null = null, into = new Map<string, Flat>()): Map<string, Flat> {
  into.set(node.slug, { slug: node.slug, name: node.name, kind: node.label?.kind ?? null, parent, node });
  for (const child of node.children ?? []) flatten(child, node.slug, into);
  return into;
}

export interface Changes { granted: Flat[]; withdrawn: Flat[]; renamed: [Flat, Flat][]; moved: [Flat, Flat][]; relabelled: [Flat, Flat][] }

/** What changed from one day's tree to another's. */
export function compareTrees(before: Map<string, Flat>, after: Map<string, Flat>): Changes {
  const changes: Changes = { granted: [], withdrawn: [], renamed: [], moved: [], relabelled: [] };
  for (const [slug, b] of after) {
    const a = before.get(slug);
    if (!a) { changes.granted.push(b); continue; }
    if (a.name !== b.name) changes.renamed.push([a, b]);
    if (a.parent !== b.parent) changes.moved.push([a, b]);
    if (a.kind !== b.kind) changes.relabelled.push([a, b]);
  }
  for (const [slug, a] of before) if (!after.has(slug)) changes.withdrawn.push(a);
  return changes;
}

const trees = new Map<string, Promise<TreeNode | null>>();
function treeOn(asOf: string): Promise<TreeNode | null> {
  let tree = trees.get(asOf);
  if (!tree) {
    tree = post<{ network: { root: TreeNode | null } }>(TREE_QUERY, { asOf }).then((d) => d.network.root);
    trees.set(asOf, tree);
    tree.catch(() => trees.delete(asOf));
  }
  return tree;
}

export const GROUP_QUERY = `# Where each ecosystem of the network is on a date (France or abroad, which region), and region names.
query HierarchyPlaces($asOf: LocalDate!) {
  nationalMap(asOf: $asOf, filter: { hubs: false }) { points { slug countryCode regionCode } }
  territories(filter: { kinds: [REGION] }, first: 100) { nodes { code name } }
}
`;

interface Places { nationalMap: { points: { slug: string; countryCode: string; regionCode: string | null }[] }; territories: { nodes: { code: string; name: string }[] } }

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

let view = { asOf: '', root: null as TreeNode | null };
let viewRequest = 0;

/** Applies the grouping, the name filter, the comparison and the map to the tree on screen. */
async function applyView() {
  const request = ++viewRequest;
  const { asOf, root } = view;
  const group = (document.getElementById('group') as HTMLSelectElement).value;
  const filter = fold((document.getElementById('filter') as HTMLInputElement).value.trim());
  const compare = (document.getElementById('compare') as HTMLInputElement).value;
  const showMap = (document.getElementById('show-map') as HTMLInputElement).checked;
  const tree = document.getElementById('tree')!;
  const groups = document.getElementById('groups')!;
  const changes = document.getElementById('changes')!;
  const mapBox = document.getElementById('map')!;
  if (!root) return;
  const matches = (name: string) => !filter || fold(name).includes(filter);

  // Grouping: the tree, or flat lists of ecosystems under "France" / "Abroad" or under their region.
  tree.hidden = group !== 'tree';
  groups.hidden = group === 'tree';
  if (group === 'tree') {
    const nodes = [...tree.querySelectorAll<HTMLLIElement>('li.node')].reverse(); // descendants first
    for (const li of nodes) {
      const own = matches(li.querySelector(':scope > .node-line .name')?.textContent ?? '');
      li.hidden = !own && ![...li.querySelectorAll<HTMLLIElement>(':scope > ul > li.node')].some((c) => !c.hidden);
    }
  } else {
    const places = await post<Places>(GROUP_QUERY, { asOf });
    if (request !== viewRequest) return;
    const where = new Map(places.nationalMap.points.map((p) => [p.slug, p]));
    const regionName = new Map(places.territories.nodes.map((r) => [r.code, r.name]));
    const buckets = new Map<string, Flat[]>();
    for (const item of flatten(root).values()) {
      if (item.parent === null || !matches(item.name)) continue;
      const place = where.get(item.slug);
      const key = group === 'abroad'
        ? (place?.countryCode ?? 'FR') === 'FR' ? 'France' : 'Abroad'
        : place?.countryCode && place.countryCode !== 'FR' ? 'Abroad' : place?.regionCode ? regionName.get(place.regionCode) ?? `Region ${place.regionCode}` : 'France, region unknown';
      buckets.set(key, [...(buckets.get(key) ?? []), item]);
    }
    const order = [...buckets.keys()].sort((a, b) => (a === 'Abroad' ? 1 : b === 'Abroad' ? -1 : a.localeCompare(b, 'fr')));
    groups.replaceChildren(...order.flatMap((key) => {
      const list = el('ul', { className: 'tree' });
      for (const item of buckets.get(key)!.sort((a, b) => a.name.localeCompare(b.name, 'fr'))) list.append(renderNode({ ...item.node, children: [] }, asOf));
      const title = el('h2', { textContent: `${key} (${buckets.get(key)!.length})` });
      title.dataset.group = key;
      return [title, list];
    }));
  }

  // Comparison with another day: what was granted, withdrawn, renamed, moved or relabelled in between.
  changes.hidden = !compare || compare === asOf;
  if (compare && compare !== asOf) {
    const [from, to] = compare < asOf ? [compare, asOf] : [asOf, compare];
    const [before, after] = await Promise.all([treeOn(from), treeOn(to)]);
    if (request !== viewRequest) return;
    const beforeFlat = before ? flatten(before) : new Map<string, Flat>(), afterFlat = after ? flatten(after) : new Map<string, Flat>();
    const diff = compareTrees(beforeFlat, afterFlat);
    const name = (f: Flat) => f.name;
    const parentName = (flat: Map<string, Flat>, slug: string | null) => (slug ? flat.get(slug)?.name ?? slug : '—');
    const section = (title: string, kind: string, items: string[]) => {
      const heading = el('h3', { textContent: `${title} (${items.length})` });
      heading.dataset.change = kind;
      return items.length ? [heading, el('ul', {}, ...items.map((text) => el('li', { textContent: text })))] : [heading];
    };
    changes.replaceChildren(
      el('h2', { id: 'changes-title', textContent: `Changes from ${from} to ${to}` }),
      ...section('Granted', 'granted', diff.granted.filter((f) => matches(f.name)).map(name)),
      ...section('Withdrawn', 'withdrawn', diff.withdrawn.filter((f) => matches(f.name)).map(name)),
      ...section('Renamed', 'renamed', diff.renamed.filter(([a, b]) => matches(a.name) || matches(b.name)).map(([a, b]) => `${a.name} → ${b.name}`)),
      ...section('Moved', 'moved', diff.moved.filter(([, b]) => matches(b.name)).map(([a, b]) => `${b.name}: ${parentName(beforeFlat, a.parent)} → ${parentName(afterFlat, b.parent)}`)),
      ...section('Label kind changed', 'relabelled', diff.relabelled.filter(([, b]) => matches(b.name)).map(([a, b]) => `${b.name}: ${a.kind ?? 'none'} → ${b.kind ?? 'none'}`)),
    );
  }

  // The day's network on the partner map widget.
  mapBox.hidden = !showMap;
  if (showMap) {
    await loadWidgets();
    if (request !== viewRequest) return;
    let map = mapBox.querySelector('maillage-map');
    if (!map) {
      map = document.createElement('maillage-map');
      map.setAttribute('lang', 'en');
      mapBox.append(map);
    }
    if (map.getAttribute('as-of') !== asOf) map.setAttribute('as-of', asOf);
  }
}

let latest = 0;

interface Network {
  asOf: string; stateOn: string; confirmedUntil: string | null; confirmed: boolean;
  counts: { kind: string; count: number }[];
  coverage: { kind: string; inFrance: boolean; named: number; officialCount: number | null; official: { asOf: { text: string }; sources: { publisher: string }[] } | null }[];
  unconfirmed: { slug: string; name: string }[];
  root: TreeNode | null;
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
    const { network: certainty } = await post<{ network: { stateOn: string } }>(CERTAINTY_QUERY, variables);
    if (request !== latest) return; // a later date was asked meanwhile
    const { network } = await post<{ network: Network }>(TREE_QUERY, { asOf: certainty.stateOn });
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
    trees.set(network.stateOn, Promise.resolve(network.root));
    view = { asOf: network.stateOn, root: network.root };
    await applyView();
  } catch (err) {
    if (request !== latest) return;
    status.textContent = `Could not load the hierarchy: ${(err as Error).message}`;
    tree.removeAttribute('aria-busy');
    status.classList.add('error');
  }
}

function showError(err: unknown) {
  const status = document.getElementById('status')!;
  status.textContent = `Could not update the view: ${(err as Error).message}`;
  status.classList.add('error');
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
  for (const id of ['compare', 'group', 'show-map']) document.getElementById(id)!.addEventListener('change', () => void applyView().catch(showError));
  document.getElementById('filter')!.addEventListener('input', () => void applyView().catch(showError));
  void show(input.value);
}

start();
