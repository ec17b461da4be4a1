import { css, html, nothing } from 'lit';
import { run } from './api.js';
import { MaillageElement, baseStyles } from './base.js';
import { formatDate, kindLabel, type PartialDate } from './i18n.js';

export interface EcosystemCard {
  slug: string;
  name: string;
  kind: string | null;
  website: string | null;
  label: { kind: string; validFrom: string; validTo: string | null } | null;
  parent: { slug: string; name: string; kind: string | null } | null;
  seat: { name: string } | null;
  carriers: { slug: string; name: string; website: string | null }[];
  hubs: { role: string; hub: { slug: string; name: string; kind: string } }[];
  programmes: { slug: string; name: string; status: string }[];
  events: { slug: string; name: string; startsOn: PartialDate; endsOn: PartialDate | null; locality: { name: string } | null }[];
  sources: { slug: string; title: string; publisher: string; publishedOn: PartialDate | null; url: string | null }[];
}

/** <maillage-ecosystem slug="french-tech-lille" as-of="2019-06-01" lang="en">: the card of a capital or community. */
export class MaillageEcosystem extends MaillageElement<EcosystemCard | null> {
  static override properties = { ...MaillageElement.properties, slug: { type: String }, asOf: { type: String, attribute: 'as-of' } };
  static override styles = [baseStyles, css`
    .lists { display: grid; gap: 0 1.5em; grid-template-columns: 1fr; }
    @container (min-width: 560px) { .lists { grid-template-columns: 1fr 1fr; } }
    .period { font-weight: 600; }
  `];

  declare slug: string;
  declare asOf: string | undefined;
  protected readonly inputs = ['slug', 'asOf'];

  protected async load(origin: string): Promise<EcosystemCard | null> {
    if (!this.slug) return null;
    const data = await run<{ ecosystem: EcosystemCard | null }>(origin, 'widget-ecosystem', { slug: this.slug, asOf: this.asOf });
    return data.ecosystem;
  }

  protected renderData(card: EcosystemCard | null) {
    const { t, language: lang } = this;
    if (!card) return html`<div part="empty" class="status" role="status">${t.unknownEcosystem(this.slug ?? '')}</div>`;
    const label = card.label;
    const period = label
      ? label.validTo ? t.labelPeriod(formatDate(lang, label.validFrom), formatDate(lang, label.validTo)) : t.labelSince(formatDate(lang, label.validFrom))
      : null;
    const section = <I>(title: string, items: I[], item: (i: I) => unknown, part: string) =>
      items.length ? html`<section part=${part}><h3>${title}</h3><ul>${items.map((i) => html`<li>${item(i)}</li>`)}</ul></section>` : nothing;
    return html`<article part="card" class="frame" aria-labelledby="name">
      <p part="kind" class="kind">${label ? kindLabel(lang, label.kind) : t.noLabel}</p>
      <h2 part="title" id="name">${card.name}</h2>
      ${period ? html`<p part="period" class="period">${kindLabel(lang, label!.kind)} ${period}</p>` : nothing}
      ${card.parent && card.parent.kind !== null
        ? html`<p part="parent"><span class="muted">${t.hangsFrom}</span> ${card.parent.name}</p>`
        : nothing}
      ${card.website ? html`<p><a part="link" href=${card.website} rel="noopener" target="_blank">${t.website}</a></p>` : nothing}
      <div class="lists">
        ${section(t.carriers, card.carriers, (c) => (c.website ? html`<a part="link" href=${c.website} rel="noopener" target="_blank">${c.name}</a>` : c.name), 'carriers')}
        ${section(t.hubs, card.hubs, (h) => h.hub.name, 'hubs')}
        ${section(t.programmes, card.programmes, (p) => p.name, 'programmes')}
        <section part="events"><h3>${t.nextEvents}</h3>
          ${card.events.length
            ? html`<ul>${card.events.map((e) => html`<li><time datetime=${e.startsOn.date}>${formatDate(lang, e.startsOn)}</time> — ${e.name}${e.locality ? `, ${e.locality.name}` : ''}</li>`)}</ul>`
            : html`<p class="muted">${t.noNextEvent}</p>`}
        </section>
      </div>
      ${card.sources.length
        ? html`<details part="sources" class="sources"><summary>${t.sources} (${card.sources.length})</summary><ul>
            ${card.sources.map((s) => html`<li>${s.url ? html`<a part="link" href=${s.url} rel="noopener" target="_blank">${s.title}</a>` : s.title}
              <span class="muted">— ${s.publisher}${s.publishedOn ? `, ${formatDate(lang, s.publishedOn)}` : ''}</span></li>`)}
          </ul></details>`
        : nothing}
    </article>`;
  }
}
