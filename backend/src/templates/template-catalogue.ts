import catalogue from './catalogue.json' with { type: 'json' };
import type { AplInfoEntry } from '../proxmox/proxmox.types.js';
import type { TemplateCopyDto, TemplateDefaultsDto, TemplateDto } from './dto/template.dto.js';

export interface CatalogueEntry {
  id: string;
  name: string;
  os: string;
  match: string;
  description: string;
  defaults: TemplateDefaultsDto;
}

export const CATALOGUE: CatalogueEntry[] = catalogue.templates;
export const GENERIC_DEFAULTS: TemplateDefaultsDto = { cores: 1, memory: 512, swap: 512, disk: 8 };

/** The file name part of a volume id (local:vztmpl/x.tar.zst -> x.tar.zst). */
export function fileOf(volid: string): string {
  return volid.slice(volid.indexOf('/') + 1);
}

/** Newest appliance matching the prefix: the index is unordered, so compare the names. */
function newest(prefix: string, apl: AplInfoEntry[]): AplInfoEntry | undefined {
  return apl
    .filter((a) => a.template.startsWith(prefix))
    .sort((a, b) => b.template.localeCompare(a.template, 'en', { numeric: true }))[0];
}

function fromAppliance(a: AplInfoEntry, copies: TemplateCopyDto[]): TemplateDto {
  return {
    id: a.template,
    name: a.headline || a.package,
    os: a.os,
    description: a.description ?? a.headline,
    curated: false,
    section: a.section,
    template: a.template,
    version: a.version,
    defaults: GENERIC_DEFAULTS,
    available: copies.filter((c) => fileOf(c.volid) === a.template),
  };
}

/**
 * Joins the curated list with the appliance index and the copies on the nodes' storages.
 * With all=true every offered appliance and every downloaded file not covered follows the curated ones.
 */
export function joinTemplates(
  apl: AplInfoEntry[],
  copies: TemplateCopyDto[],
  all: boolean,
): TemplateDto[] {
  const curated = CATALOGUE.map((entry): TemplateDto => {
    const offer = newest(entry.match, apl);
    const dto: TemplateDto = {
      id: entry.id,
      name: entry.name,
      os: entry.os,
      description: entry.description,
      curated: true,
      defaults: entry.defaults,
      available: copies.filter((c) => fileOf(c.volid).startsWith(entry.match)),
    };
    if (offer)
      Object.assign(dto, {
        template: offer.template,
        version: offer.version,
        section: offer.section,
      });
    return dto;
  });
  if (!all) return curated;
  const covered = (file: string) => CATALOGUE.some((e) => file.startsWith(e.match));
  const offered = apl
    .filter((a) => !covered(a.template))
    .sort((a, b) => a.template.localeCompare(b.template))
    .map((a) => fromAppliance(a, copies));
  const offeredFiles = new Set(apl.map((a) => a.template));
  const localOnly = [...new Set(copies.map((c) => fileOf(c.volid)))]
    .filter((f) => !covered(f) && !offeredFiles.has(f))
    .sort()
    .map(
      (file): TemplateDto => ({
        id: file,
        name: file,
        os: file.split(/[-_]/)[0],
        description: 'Downloaded template not in the appliance index',
        curated: false,
        defaults: GENERIC_DEFAULTS,
        available: copies.filter((c) => fileOf(c.volid) === file),
      }),
    );
  return [...curated, ...offered, ...localOnly];
}
