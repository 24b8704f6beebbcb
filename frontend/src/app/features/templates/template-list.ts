import { StorageDto, TemplateCopyDto, TemplateDto } from '../../api/models';

export interface StorageContents {
  readonly node: string;
  readonly storage: string;
  readonly items: readonly {
    readonly name: string;
    readonly volid: string;
    readonly size: number;
  }[];
}

/** Curated templates first (in catalogue order), then the rest by name. */
export function splitTemplates(list: readonly TemplateDto[]): {
  curated: TemplateDto[];
  others: TemplateDto[];
} {
  return {
    curated: list.filter((t) => t.curated),
    others: list.filter((t) => !t.curated).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** The copy a container on `node` can be created from; shared storages count for every node. */
export function copyOn(
  template: TemplateDto,
  node: string,
  storages: readonly StorageDto[] = [],
): TemplateCopyDto | null {
  const local = template.available.find((c) => c.node === node);
  if (local) return local;
  const shared = new Set(storages.filter((s) => s.shared).map((s) => s.storage));
  return template.available.find((c) => shared.has(c.storage)) ?? null;
}

/** Groups every downloaded copy by node and storage, for "what is on each storage". */
export function storageContents(list: readonly TemplateDto[]): StorageContents[] {
  const groups = new Map<
    string,
    { node: string; storage: string; items: StorageContents['items'][number][] }
  >();
  for (const template of list) {
    for (const copy of template.available) {
      const key = `${copy.node}/${copy.storage}`;
      const group = groups.get(key) ?? { node: copy.node, storage: copy.storage, items: [] };
      group.items.push({ name: template.name, volid: copy.volid, size: copy.size });
      groups.set(key, group);
    }
  }
  return [...groups.values()].sort((a, b) =>
    `${a.node}/${a.storage}`.localeCompare(`${b.node}/${b.storage}`),
  );
}

/** Storages able to receive a template download, most free space first. */
export function downloadTargets(storages: readonly StorageDto[]): StorageDto[] {
  return storages
    .filter((s) => s.active && s.content.includes('vztmpl'))
    .sort((a, b) => b.avail - a.avail);
}

export function downloadKey(template: TemplateDto): string {
  return template.template ?? template.id;
}
