import { Association, Carrier } from '../associations/association.entity.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { ApiToken } from '../auth/api-token.entity.js';
import { Attachment } from '../ecosystems/attachment.entity.js';
import { Campaign, CampaignAnnouncer } from '../ecosystems/campaign.entity.js';
import { Ecosystem, EcosystemName, EcosystemTerritory } from '../ecosystems/ecosystem.entity.js';
import { Label } from '../ecosystems/label.entity.js';
import { Event, EventEcosystem, EventOrganiser } from '../events/event.entity.js';
import { Figure } from '../figures/figure.entity.js';
import { Hub, HubEcosystem } from '../hubs/hub.entity.js';
import { Institution } from '../institutions/institution.entity.js';
import { Partnership } from '../partnerships/partnership.entity.js';
import { Person } from '../people/person.entity.js';
import { Role } from '../people/role.entity.js';
import { Programme, ProgrammeDeployment, ProgrammeTerritory } from '../programmes/programme.entity.js';
import { SearchEntry } from '../search/search-entry.entity.js';
import { Citation, Source } from '../sources/source.entity.js';
import { AreaDepartment, Territory } from '../territories/territory.entity.js';

/** Every table of the schema as a MikroORM entity (test/entities.test.ts checks they match the migrations). */
export const entities = [
  Source, Citation, Territory, AreaDepartment, Person, Role, Campaign, CampaignAnnouncer,
  Ecosystem, EcosystemName, EcosystemTerritory, Label, Attachment, Association, Carrier, Institution,
  Hub, HubEcosystem, Programme, ProgrammeTerritory, ProgrammeDeployment, Event, EventOrganiser, EventEcosystem,
  Partnership, Figure, SearchEntry, ApiToken, AuditEntry,
];
