import { Migration } from '@mikro-orm/migrations';

/**
 * The network's schema. Written as SQL rather than generated from entities: the read path works on
 * plain rows, and the schema holds what entity metadata cannot express (the accent-insensitive French
 * text search configuration, check constraints, the territory_scope view, the search index refresh).
 */
export class Migration20261123000000_network extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists unaccent`);
    this.addSql(`
      do $$ begin
        if not exists (select 1 from pg_ts_config where cfgname = 'maillage_french') then
          create text search configuration maillage_french (copy = french);
          alter text search configuration maillage_french
            alter mapping for hword, hword_part, word with unaccent, french_stem;
        end if;
      end $$`);

    // Partial dates ("2019", "2019-04", "2019-04-03") are a date (first day) and a precision.
    this.addSql(`create domain date_precision as text check (value in ('YEAR', 'MONTH', 'DAY'))`);

    this.addSql(`
      create table source (
        id uuid primary key default gen_random_uuid(),
        slug text not null unique,
        title text not null,
        publisher text not null,
        published_on date,
        published_on_precision date_precision,
        url text,
        file text,
        kind text not null,
        language text,
        note text,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        check (url is not null or file is not null)
      )`);

    // Provenance of every record and every dated relation: which sources support it.
    this.addSql(`
      create table citation (
        id uuid primary key default gen_random_uuid(),
        subject_type text not null,
        subject_id uuid not null,
        source_id uuid not null references source (id) on delete restrict,
        position int not null default 0,
        unique (subject_type, subject_id, source_id)
      )`);
    this.addSql(`create index citation_subject_idx on citation (subject_id, position)`);

    this.addSql(`
      create table territory (
        id uuid primary key default gen_random_uuid(),
        slug text not null unique,
        kind text not null check (kind in ('REGION', 'DEPARTMENT', 'COMMUNE', 'AREA', 'COUNTRY', 'CITY')),
        code text,
        name text not null,
        parent_id uuid references territory (id),
        country_code char(2) not null default 'FR',
        latitude double precision check (latitude between -90 and 90),
        longitude double precision check (longitude between -180 and 180),
        population int,
        description text,
        dataset_source_id uuid references source (id),
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (kind, code)
      )`);
    this.addSql(`create index territory_parent_idx on territory (parent_id)`);
    // Informal areas span departments.
    this.addSql(`
      create table area_department (
        area_id uuid not null references territory (id) on delete cascade,
        department_id uuid not null references territory (id),
        primary key (area_id, department_id)
      )`);

    this.addSql(`
      create table person (
        id uuid primary key default gen_random_uuid(),
        slug text not null unique,
        name text not null,
        contact_phone text,
        contact_email text,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);

    this.addSql(`
      create table campaign (
        id uuid primary key default gen_random_uuid(),
        slug text not null unique,
        name text not null,
        announced_on date,
        announced_on_precision date_precision,
        period_start date,
        period_end date,
        description text,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table campaign_announcer (
        campaign_id uuid not null references campaign (id) on delete cascade,
        person_id uuid not null references person (id),
        primary key (campaign_id, person_id)
      )`);

    this.addSql(`
      create table ecosystem (
        id uuid primary key default gen_random_uuid(),
        slug text not null unique,
        country_code char(2) not null default 'FR',
        seat_id uuid references territory (id),
        description text,
        website text,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table ecosystem_name (
        id uuid primary key default gen_random_uuid(),
        ecosystem_id uuid not null references ecosystem (id) on delete cascade,
        position int not null,
        name text not null,
        valid_from date,
        valid_to date,
        unique (ecosystem_id, position),
        check (valid_to is null or valid_from is null or valid_to >= valid_from)
      )`);
    this.addSql(`
      create table ecosystem_territory (
        ecosystem_id uuid not null references ecosystem (id) on delete cascade,
        territory_id uuid not null references territory (id),
        position int not null default 0,
        primary key (ecosystem_id, territory_id)
      )`);
    this.addSql(`create index ecosystem_territory_territory_idx on ecosystem_territory (territory_id)`);
    this.addSql(`
      create table label (
        id uuid primary key default gen_random_uuid(),
        ecosystem_id uuid not null references ecosystem (id) on delete cascade,
        position int not null,
        kind text not null check (kind in ('NATIONAL', 'CAPITAL', 'COMMUNITY', 'METROPOLE', 'THEMATIC_NETWORK', 'HUB_ABROAD')),
        campaign_id uuid references campaign (id),
        granted_on date,
        granted_by_id uuid references person (id),
        valid_from date not null,
        valid_to date,
        status text not null default 'ACTIVE' check (status in ('ACTIVE', 'WITHDRAWN')),
        theme text,
        note text,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (ecosystem_id, position),
        check (valid_to is null or valid_to >= valid_from)
      )`);
    this.addSql(`create index label_validity_idx on label (kind, valid_from, valid_to)`);
    // The label hierarchy: a dated edge from an ecosystem to its parent.
    this.addSql(`
      create table attachment (
        id uuid primary key default gen_random_uuid(),
        child_id uuid not null references ecosystem (id) on delete cascade,
        parent_id uuid not null references ecosystem (id),
        position int not null,
        valid_from date not null,
        valid_to date,
        note text,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (child_id, position),
        check (child_id <> parent_id),
        check (valid_to is null or valid_to >= valid_from)
      )`);
    this.addSql(`create index attachment_parent_idx on attachment (parent_id, valid_from)`);

    this.addSql(`
      create table association (
        id uuid primary key default gen_random_uuid(),
        slug text not null unique,
        name text not null,
        legal_form text not null,
        kind text,
        founded_in date,
        founded_in_precision date_precision,
        seat_id uuid references territory (id),
        mission text,
        website text,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table carrier (
        id uuid primary key default gen_random_uuid(),
        association_id uuid not null references association (id) on delete cascade,
        ecosystem_id uuid not null references ecosystem (id),
        position int not null,
        valid_from date,
        valid_to date,
        unique (association_id, position)
      )`);
    this.addSql(`create index carrier_ecosystem_idx on carrier (ecosystem_id)`);

    this.addSql(`
      create table institution (
        id uuid primary key default gen_random_uuid(),
        slug text not null unique,
        name text not null,
        kind text not null,
        parent_id uuid references institution (id),
        seat_id uuid references territory (id),
        territory_id uuid references territory (id),
        founded_in date,
        founded_in_precision date_precision,
        description text,
        website text,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);

    // A public role of a person in an association, institution or ecosystem.
    this.addSql(`
      create table role (
        id uuid primary key default gen_random_uuid(),
        person_id uuid not null references person (id) on delete cascade,
        position int not null,
        title text not null,
        organisation_type text not null check (organisation_type in ('Association', 'Institution', 'Ecosystem')),
        organisation_id uuid not null,
        valid_from date,
        valid_to date,
        unique (person_id, position)
      )`);
    this.addSql(`create index role_organisation_idx on role (organisation_id)`);

    this.addSql(`
      create table hub (
        id uuid primary key default gen_random_uuid(),
        slug text not null unique,
        name text not null,
        kind text not null,
        address text,
        locality_id uuid not null references territory (id),
        latitude double precision check (latitude between -90 and 90),
        longitude double precision check (longitude between -180 and 180),
        operator_type text check (operator_type in ('Association', 'Institution')),
        operator_id uuid,
        opened_in date,
        opened_in_precision date_precision,
        description text,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table hub_ecosystem (
        id uuid primary key default gen_random_uuid(),
        hub_id uuid not null references hub (id) on delete cascade,
        ecosystem_id uuid not null references ecosystem (id),
        position int not null,
        role text not null check (role in ('TOTEM', 'SERVES', 'HOSTS')),
        valid_from date,
        valid_to date,
        unique (hub_id, position)
      )`);
    this.addSql(`create index hub_ecosystem_ecosystem_idx on hub_ecosystem (ecosystem_id)`);

    this.addSql(`
      create table programme (
        id uuid primary key default gen_random_uuid(),
        slug text not null unique,
        name text not null,
        operator_type text check (operator_type in ('Association', 'Institution')),
        operator_id uuid,
        level text not null check (level in ('NATIONAL', 'REGIONAL', 'LOCAL')),
        kind text not null,
        description text,
        headcount_below int check (headcount_below > 0),
        headcount_at_least int check (headcount_at_least >= 0),
        stages text[] not null default '{}',
        eligibility_note text,
        funding_max_amount numeric(14, 2),
        funding_rate numeric(5, 4) check (funding_rate > 0 and funding_rate <= 1),
        funding_currency char(3),
        funding_note text,
        starts_on date,
        starts_on_precision date_precision,
        ends_on date,
        ends_on_precision date_precision,
        status text not null check (status in ('PILOT', 'ACTIVE', 'ENDED', 'UNKNOWN')),
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table programme_territory (
        programme_id uuid not null references programme (id) on delete cascade,
        territory_id uuid not null references territory (id),
        primary key (programme_id, territory_id)
      )`);
    this.addSql(`
      create table programme_deployment (
        id uuid primary key default gen_random_uuid(),
        programme_id uuid not null references programme (id) on delete cascade,
        ecosystem_id uuid not null references ecosystem (id),
        position int not null,
        valid_from date,
        valid_to date,
        unique (programme_id, position)
      )`);
    this.addSql(`create index programme_deployment_ecosystem_idx on programme_deployment (ecosystem_id)`);

    this.addSql(`
      create table event (
        id uuid primary key default gen_random_uuid(),
        slug text not null unique,
        name text not null,
        kind text not null,
        starts_on date not null,
        starts_on_precision date_precision not null,
        starts_at timestamptz,
        ends_on date,
        ends_on_precision date_precision,
        venue_id uuid references hub (id),
        locality_id uuid references territory (id),
        hashtag text,
        description text,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        check (ends_on is null or ends_on >= starts_on)
      )`);
    this.addSql(`create index event_starts_on_idx on event (starts_on desc, id)`);
    this.addSql(`
      create table event_organiser (
        event_id uuid not null references event (id) on delete cascade,
        organiser_type text not null check (organiser_type in ('Association', 'Institution', 'Ecosystem')),
        organiser_id uuid not null,
        position int not null,
        primary key (event_id, organiser_id)
      )`);
    this.addSql(`
      create table event_ecosystem (
        event_id uuid not null references event (id) on delete cascade,
        ecosystem_id uuid not null references ecosystem (id),
        primary key (event_id, ecosystem_id)
      )`);
    this.addSql(`create index event_ecosystem_ecosystem_idx on event_ecosystem (ecosystem_id, event_id)`);

    this.addSql(`
      create table partnership (
        id uuid primary key default gen_random_uuid(),
        key text not null unique,
        partner_type text not null check (partner_type in ('Association', 'Institution')),
        partner_id uuid not null,
        target_type text not null check (target_type in ('Ecosystem', 'Association', 'Programme', 'Event', 'Institution')),
        target_id uuid not null,
        role text not null,
        valid_from date,
        valid_to date,
        note text,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`create index partnership_partner_idx on partnership (partner_id)`);
    this.addSql(`create index partnership_target_idx on partnership (target_id)`);

    this.addSql(`
      create table figure (
        id uuid primary key default gen_random_uuid(),
        key text not null unique,
        subject_type text not null,
        subject_id uuid not null,
        metric text not null,
        value numeric not null,
        qualifier text not null default 'EXACT' check (qualifier in ('EXACT', 'ABOUT', 'MORE_THAN', 'AT_LEAST', 'LESS_THAN', 'AT_MOST')),
        unit text not null default 'COUNT',
        as_of date not null,
        as_of_precision date_precision not null,
        label text,
        note text,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`create index figure_subject_idx on figure (subject_id, as_of desc)`);

    // Where a territory lies, as INSEE codes: the region/department filters and the programme finder
    // match against this, whatever the kind of territory a record names (areas span departments).
    this.addSql(`
      create view territory_scope as
      select t.id as territory_id, t.kind,
             case t.kind when 'REGION' then t.code when 'DEPARTMENT' then p.code when 'COMMUNE' then pp.code end as region_code,
             case t.kind when 'DEPARTMENT' then t.code when 'COMMUNE' then p.code end as department_code,
             case t.kind when 'COMMUNE' then t.code end as commune_code,
             t.country_code
      from territory t
      left join territory p on p.id = t.parent_id
      left join territory pp on pp.id = p.parent_id
      where t.kind <> 'AREA'
      union all
      select ad.area_id, 'AREA', r.code, d.code, null, 'FR'
      from area_department ad
      join territory d on d.id = ad.department_id
      join territory r on r.id = d.parent_id`);

    // One row per searchable record, rebuilt by refresh_search_index() after every load.
    this.addSql(`
      create table search_entry (
        subject_type text not null,
        subject_id uuid not null,
        title text not null,
        body text not null,
        document tsvector not null,
        primary key (subject_type, subject_id)
      )`);
    this.addSql(`create index search_entry_document_idx on search_entry using gin (document)`);
    this.addSql(`
      create or replace function refresh_search_index() returns void language sql as $fn$
        delete from search_entry;
        insert into search_entry (subject_type, subject_id, title, body, document)
        select subject_type, subject_id, title, body,
               setweight(to_tsvector('maillage_french', title), 'A') || setweight(to_tsvector('maillage_french', body), 'B')
        from (
          select 'Ecosystem' as subject_type, e.id as subject_id,
                 (select n.name from ecosystem_name n where n.ecosystem_id = e.id order by n.position desc limit 1) as title,
                 concat_ws(' ', (select string_agg(n.name, ' ') from ecosystem_name n where n.ecosystem_id = e.id), e.description) as body
          from ecosystem e
          union all
          select 'Association', a.id, a.name, concat_ws(' ', a.mission) from association a
          union all
          select 'Institution', i.id, i.name, concat_ws(' ', i.description) from institution i
          union all
          select 'Hub', h.id, h.name, concat_ws(' ', h.address, h.description) from hub h
          union all
          select 'Programme', p.id, p.name, concat_ws(' ', p.description, p.eligibility_note) from programme p
          union all
          select 'Event', ev.id, ev.name, concat_ws(' ', ev.hashtag, ev.description) from event ev
          union all
          select 'Person', pe.id, pe.name, '' from person pe
          union all
          select 'Territory', t.id, t.name, concat_ws(' ', t.code, t.description) from territory t
          where t.kind in ('REGION', 'DEPARTMENT', 'AREA', 'COUNTRY', 'CITY')
             or exists (select 1 from ecosystem e where e.seat_id = t.id)
             or exists (select 1 from hub h where h.locality_id = t.id)
          union all
          select 'Source', s.id, s.title, concat_ws(' ', s.publisher, s.note) from source s
        ) records
      $fn$`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop view if exists territory_scope`);
    for (const table of [
      'search_entry', 'figure', 'partnership', 'event_ecosystem', 'event_organiser', 'event',
      'programme_deployment', 'programme_territory', 'programme', 'hub_ecosystem', 'hub', 'role',
      'institution', 'carrier', 'association', 'attachment', 'label', 'ecosystem_territory',
      'ecosystem_name', 'ecosystem', 'campaign_announcer', 'campaign', 'person', 'area_department',
      'territory', 'citation', 'source',
    ]) this.addSql(`drop table if exists ${table} cascade`);
    this.addSql(`drop function if exists refresh_search_index()`);
    this.addSql(`drop domain if exists date_precision`);
    this.addSql(`drop text search configuration if exists maillage_french`);
  }
}
