import { css, html } from 'lit';
import { run, todayInParis } from './api.js';
import { MaillageElement, baseStyles } from './base.js';
import { formatDate, type PartialDate } from './i18n.js';

interface EventItem {
  slug: string;
  name: string;
  kind: string;
  startsOn: PartialDate;
  endsOn: PartialDate | null;
  locality: { name: string } | null;
  venue: { name: string } | null;
  ecosystems: { slug: string; name: string }[];
  sources: { title: string; publisher: string; url: string | null }[];
}

interface EventList { totalCount: number; nodes: EventItem[] }

/**
 * <maillage-events ecosystem="french-tech-east" | region="44" when="upcoming|past" limit="5">: the
 * events of an ecosystem, a region or (with neither) the whole network. Upcoming ones soonest first,
 * past ones latest first.
 */
export class MaillageEvents extends MaillageElement<EventList> {
  static override properties = {
    ...MaillageElement.properties,
    ecosystem: { type: String }, region: { type: String }, when: { type: String }, limit: { type: Number },
  };
  static override styles = [baseStyles, css`
    ol { list-style: none; padding: 0; margin: 0; }
    li { padding: 0.5em 0; border-top: 1px solid var(--maillage-border, #c9d1da); }
    li:first-child { border-top: 0; }
    time, .event-name { font-weight: 600; display: block; }
    .event-name { font-weight: normal; }
  `];

  declare ecosystem: string | undefined;
  declare region: string | undefined;
  declare when: string | undefined;
  declare limit: number | undefined;
  protected readonly inputs = ['ecosystem', 'region', 'when', 'limit'];

  private get past(): boolean {
    return this.when === 'past';
  }

  protected async load(origin: string): Promise<EventList> {
    const first = Math.min(Math.max(this.limit ?? 5, 1), 100);
    const filter = {
      ecosystemSlug: this.ecosystem || undefined,
      regionCode: this.region || undefined,
      ...(this.past ? { to: todayInParis(-1) } : { from: todayInParis() }),
    };
    // Upcoming: the API lists newest first; the soonest ones are at the end of the whole upcoming list.
    const data = await run<{ events: EventList }>(origin, 'widget-events', { filter, first: this.past ? first : 100 });
    const nodes = this.past ? data.events.nodes : data.events.nodes.slice().reverse().slice(0, first);
    return { totalCount: data.events.totalCount, nodes };
  }

  protected renderData(list: EventList) {
    const { t, language: lang } = this;
    const title = this.past ? t.pastEvents : t.upcomingEvents;
    return html`<section part="events" class="frame" aria-labelledby="title">
      <h2 part="title" id="title">${title}</h2>
      ${list.nodes.length === 0
        ? html`<p part="empty" class="muted" role="status">${this.past ? t.noPast : t.noUpcoming}</p>`
        : html`<p part="count" class="muted">${t.eventCount(list.totalCount)}</p>
          <ol>${list.nodes.map((e) => html`<li part="event">
            <time datetime=${e.startsOn.date}>${formatDate(lang, e.startsOn)}${e.endsOn ? ` – ${formatDate(lang, e.endsOn)}` : ''}</time>
            <span part="event-name" class="event-name">${e.name}</span>
            <span class="muted">${[e.venue?.name, e.locality?.name].filter(Boolean).join(', ')}</span>
            ${e.sources[0] ? html`<span class="sources">— ${e.sources[0].url
              ? html`<a part="link" href=${e.sources[0].url} rel="noopener" target="_blank">${e.sources[0].publisher}</a>`
              : e.sources[0].publisher}</span>` : ''}
          </li>`)}</ol>`}
    </section>`;
  }
}
