import { escapeHtml, htmlPage, pageCsp } from '../embed/page.js';

/** The gallery is maillage's own page: not frameable, like the playground. */
export const GALLERY_CSP = pageCsp("'none'");

interface Demo {
  element: string;
  title: string;
  intro: string;
  attributes: [string, string][];
  example: string;
  embed: string;
}

const COMMON: [string, string][] = [
  ['lang', '<code>fr</code> (default) or <code>en</code>: texts, dates and numbers'],
  ['api', 'maillage’s origin, when the script is served from elsewhere (default: the script’s origin)'],
];

const DEMOS: Demo[] = [
  {
    element: 'maillage-map', title: 'Map', intro: 'The network on a date: regions and departments, overseas insets, capitals and communities as points (Tab to a point, Enter opens its panel), links to the capital, communities abroad by country.',
    attributes: [
      ['region', 'INSEE code of a region: zooms to it and shows only its ecosystems (<code>32</code> Hauts-de-France)'],
      ['as-of', 'the date, YYYY-MM-DD (default: today)'],
      ['kinds', 'label kinds, comma-separated: <code>CAPITAL,COMMUNITY</code>'],
      ['hubs', 'present: also the places (hubs) serving the ecosystems'],
      ['links', '<code>false</code> hides the community → capital links'],
      ['href-template', 'where a point’s panel links to, <code>{slug}</code> replaced (default: maillage’s embeddable card)'],
    ],
    example: '<maillage-map region="32" as-of="2019-06-01"></maillage-map>',
    embed: '/embed/map?region=32&as-of=2019-06-01',
  },
  {
    element: 'maillage-ecosystem', title: 'Ecosystem card', intro: 'A capital or community on a date: name, label and its period, the capital it hangs from, its carriers, places, programmes, next events and sources.',
    attributes: [['slug', 'the ecosystem’s slug (required)'], ['as-of', 'the date, YYYY-MM-DD (default: today)']],
    example: '<maillage-ecosystem slug="french-tech-littoral-hauts-de-france" as-of="2019-06-01"></maillage-ecosystem>',
    embed: '/embed/ecosystem/french-tech-littoral-hauts-de-france?as-of=2019-06-01',
  },
  {
    element: 'maillage-programmes', title: 'Programme finder', intro: 'The programmes open to an organisation: a small form (commune with suggestions, headcount, stage), or preset by attributes; each result says why it matches and cites its source.',
    attributes: [
      ['commune / department / region', 'INSEE code of the place'], ['headcount', 'staff count'],
      ['stage', '<code>PROJECT</code>, <code>STARTUP</code>, <code>SCALEUP</code>, <code>SME</code>…'], ['on', 'the day (default: today)'],
      ['form', 'present: keep the form shown when preset'],
    ],
    example: '<maillage-programmes commune="67482" headcount="12" form></maillage-programmes>',
    embed: '/embed/programmes?commune=67482&headcount=12',
  },
  {
    element: 'maillage-events', title: 'Events', intro: 'Upcoming (or past) events of an ecosystem, a region, or the whole network.',
    attributes: [
      ['ecosystem', 'an ecosystem’s slug'], ['region', 'INSEE code of a region'],
      ['when', '<code>upcoming</code> (default) or <code>past</code>'], ['limit', 'how many (default 5)'],
    ],
    example: '<maillage-events ecosystem="french-tech-littoral-hauts-de-france" when="past"></maillage-events>',
    embed: '/embed/events?ecosystem=french-tech-littoral-hauts-de-france&when=past',
  },
];

export function galleryPage(origin: string, entryScript: string): string {
  const script = `<script type="module" src="${origin}/widgets/v1/maillage.js"></script>`;
  const sections = DEMOS.map((demo) => `<section class="widget" id="${demo.element}">
<h2>${demo.title}: <code>&lt;${demo.element}&gt;</code></h2>
<p>${demo.intro}</p>
<div class="demo">${demo.example}</div>
<h3>Snippet</h3>
<pre><code>${escapeHtml(`${script}\n${demo.example}`)}</code></pre>
<h3>Without scripts: an iframe</h3>
<pre><code>${escapeHtml(`<iframe src="${origin}${demo.embed}" title="${demo.title} — maillage" width="100%" height="600" loading="lazy"></iframe>`)}</code></pre>
<h3>Attributes</h3>
<table><thead><tr><th>attribute</th><th>meaning</th></tr></thead><tbody>
${[...demo.attributes, ...COMMON].map(([name, meaning]) => `<tr><td><code>${escapeHtml(name)}</code></td><td>${meaning}</td></tr>`).join('\n')}
</tbody></table>
</section>`).join('\n');
  const body = `<main>
<h1>maillage widgets</h1>
<p>Two lines of HTML put a living, sourced piece of the French Tech network on your site: the script once, then any of the elements below. They speak French by default (<code>lang="en"</code> for English), follow your page's font, fit any width from 320 px, and read only public data (no cookie, no token).</p>
<h2>Content-Security-Policy lines your page needs</h2>
<pre><code>${escapeHtml(`script-src ${origin}\nconnect-src ${origin}`)}</code></pre>
<p>For the iframes instead: <code>${escapeHtml(`frame-src ${origin}`)}</code>. No <code>eval</code>, no inline style: the widgets style their shadow roots with constructed stylesheets.</p>
<h2>Theming</h2>
<p>CSS custom properties on the element or an ancestor: <code>--maillage-font</code>, <code>--maillage-color</code>, <code>--maillage-muted</code>, <code>--maillage-background</code>, <code>--maillage-border</code>, <code>--maillage-radius</code>, <code>--maillage-padding</code>, <code>--maillage-accent</code>, <code>--maillage-link</code>, <code>--maillage-focus</code>, <code>--maillage-error</code>, and for the map <code>--maillage-map-land</code>, <code>--maillage-map-capital</code>, <code>--maillage-map-community</code>, <code>--maillage-map-hub</code>, <code>--maillage-map-link</code>. Parts for <code>::part()</code>: <code>card</code>, <code>title</code>, <code>kind</code>, <code>period</code>, <code>status</code>, <code>error</code>, <code>button</code>, <code>link</code>, <code>empty</code>, <code>event</code>, <code>programme</code>, <code>why</code>, <code>form</code>, <code>map</code>, <code>point</code>, <code>panel</code>, <code>abroad</code>.</p>
${sections}
</main>`;
  return htmlPage({ lang: 'en', title: 'maillage widgets — gallery', script: entryScript, body, bodyClass: 'gallery' });
}
