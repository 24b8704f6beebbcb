import { Injectable, Logger } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service.js';
import { CachedReadService } from '../cache/cached-read.service.js';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { connectionFailure } from '../cache/proxmox-failure.js';
import { ReachabilityService } from '../cache/reachability.service.js';
import { freshnessOf } from '../common/freshness.dto.js';
import { badRequest, conflict, DomainError } from '../common/domain-errors.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type { AplInfoEntry, PveStorage } from '../proxmox/proxmox.types.js';
import type { TaskRefDto } from '../tasks/dto/task.dto.js';
import type { DownloadTemplateDto, TemplateCopyDto, TemplateListDto } from './dto/template.dto.js';
import { fileOf, joinTemplates } from './template-catalogue.js';

interface TemplateSources {
  apl: AplInfoEntry[];
  copies: TemplateCopyDto[];
}

@Injectable()
export class TemplatesService {
  private readonly logger = new Logger(TemplatesService.name);

  constructor(
    private readonly proxmox: ProxmoxClient,
    private readonly cluster: ClusterStateService,
    private readonly activity: ActivityService,
    private readonly cached: CachedReadService,
    private readonly reachability: ReachabilityService,
  ) {}

  async listTemplates(all = false): Promise<TemplateListDto> {
    const read = await this.cached.read('templates', () => this.templateSources());
    const { apl, copies } = read.value;
    return { items: joinTemplates(apl, copies, all), ...freshnessOf(read) };
  }

  /** The appliance index and the downloaded copies: what the template list is built from. */
  private async templateSources(): Promise<TemplateSources> {
    const stores = await this.templateStores();
    const online = [...new Set(stores.map((s) => s.node))];
    const [apl, copies] = await Promise.all([
      online.length ? this.proxmox.getAplInfo(online[0]) : Promise.resolve([]),
      this.copies(stores),
    ]);
    return { apl, copies };
  }

  async downloadTemplate(dto: DownloadTemplateDto): Promise<TaskRefDto> {
    this.reachability.assertNodeWritable(dto.node);
    const stores = await this.templateStores();
    const store = stores.find((s) => s.node === dto.node && s.storage === dto.storage);
    if (!store) {
      const usable = stores.filter((s) => s.node === dto.node).map((s) => s.storage);
      if (!usable.length && !stores.length)
        throw new DomainError('unavailable', 'No online node has a template storage');
      throw badRequest(
        `Storage '${dto.storage}' on node '${dto.node}' cannot hold templates (usable there: ${usable.join(', ') || 'none'})`,
        'storage',
      );
    }
    const apl = await this.proxmox.getAplInfo(dto.node);
    if (!apl.some((a) => a.template === dto.template)) {
      throw badRequest(
        `'${dto.template}' is not in the appliance index of ${dto.node}`,
        'template',
      );
    }
    const present = await this.proxmox.listStorageContent(dto.node, dto.storage, 'vztmpl');
    if (present.some((c) => fileOf(c.volid) === dto.template)) {
      throw conflict(`${dto.template} is already on ${dto.storage} of ${dto.node}`, 'template');
    }
    const task = await this.proxmox.downloadTemplate(dto.node, dto.storage, dto.template);
    await this.activity.recordTask('download', `template/${dto.template}`, task);
    return { upid: task.upid };
  }

  /** Storages that hold templates, on online nodes only (one entry per node for shared ones). */
  private async templateStores(): Promise<PveStorage[]> {
    const { resources } = await this.cluster.snapshot();
    const online = new Set(resources.nodes.filter((n) => n.status === 'online').map((n) => n.node));
    return resources.storages.filter((s) => online.has(s.node) && s.content.includes('vztmpl'));
  }

  private async copies(stores: PveStorage[]): Promise<TemplateCopyDto[]> {
    const lists = await Promise.all(
      stores.map(async (s) => {
        try {
          const items = await this.proxmox.listStorageContent(s.node, s.storage, 'vztmpl');
          return items.map((i) => ({
            node: s.node,
            storage: s.storage,
            volid: i.volid,
            size: i.size,
          }));
        } catch (error) {
          // Proxmox as a whole is away: let the cached read answer instead of an empty list
          if (connectionFailure(error)) throw error;
          this.logger.warn(
            `templates on ${s.node}/${s.storage} unavailable: ${(error as Error).message}`,
          );
          return [];
        }
      }),
    );
    return lists.flat();
  }
}
