import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorDto } from '../../src/common/api-error.dto.js';
import type {
  ContainerDetailDto,
  ContainerListDto,
} from '../../src/containers/dto/container.dto.js';
import type { PermissionReportDto } from '../../src/permissions/dto/permission-report.dto.js';
import type { ConnectionStatusDto } from '../../src/status/dto/connection-status.dto.js';
import type { TaskDetailDto } from '../../src/tasks/dto/task.dto.js';
import { TEST_TOKEN_ID, type ConsoleHarness } from '../support/console-harness.js';
import {
  CYCLE_S,
  read,
  readUntilState,
  sameDisk,
  waitFor,
  type SameDisk,
} from './support/offline-client.js';

let disk: SameDisk;
let h: ConsoleHarness;
let taskPath: string;
let task: TaskDetailDto;
let permissions: PermissionReportDto;

beforeAll(async () => {
  disk = await sameDisk('proxicloud-offline-uncached-');
  h = await disk.startConsole();
});
afterAll(async () => {
  await h?.stop();
  await disk.stop();
});

describe('task details and the permission report while Proxmox is down', () => {
  it('reads a finished task and the permission report fresh while Proxmox is up', async () => {
    const stop = await h.post('/api/containers/103/stop');
    expect(stop.status, stop.text).toBe(202);
    await h.waitForTask(stop.body.upid);
    taskPath = `/api/tasks/${encodeURIComponent(stop.body.upid)}`;
    const res = await read<TaskDetailDto>(h, taskPath);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'stopped', ok: true, stale: false });
    expect(res.body.log.length).toBeGreaterThan(0);
    task = res.body;
    const report = await read<PermissionReportDto>(h, '/api/permissions');
    expect(report.body).toMatchObject({ stale: false, tokenId: TEST_TOKEN_ID });
    expect(report.cacheStatus).toBe('MISS');
    permissions = report.body;
  });

  it('serves the finished task as it was, never stale, and the report stale, while down', async () => {
    await disk.sim.faults.setDown(true);
    await readUntilState(h, 'offline');
    const res = await read<TaskDetailDto>(h, taskPath);
    expect(res.status, 'a finished task never changes').toBe(200);
    expect(res.body).toEqual(task);
    expect(res.cacheStatus).toBe('HIT');
    expect(res.dataAge).toBeGreaterThanOrEqual(0);
    const page = await read<TaskDetailDto>(h, `${taskPath}?start=1&limit=1`);
    expect(page.status, 'any page of a finished task, as the UI tails the log').toBe(200);
    expect(page.body).toMatchObject({ log: task.log.slice(1, 2), stale: false });
    const report = await read<PermissionReportDto>(h, '/api/permissions');
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ stale: true, fetchedAt: permissions.fetchedAt });
    expect(report.body.checkedAt).toBe(permissions.fetchedAt);
    expect(report.body.features).toEqual(permissions.features);
    expect(report.cacheStatus).toBe('STALE');
  });

  it('serves both from disk after a restart while Proxmox is still down', async () => {
    await h.stop();
    h = await disk.startConsole();
    const res = await read<TaskDetailDto>(h, taskPath);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(task);
    const report = await read<PermissionReportDto>(h, '/api/permissions');
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ stale: true, fetchedAt: permissions.fetchedAt });
  });

  it('answers a task it never read with 503 and the reason, without waiting on Proxmox', async () => {
    await readUntilState(h, 'offline');
    const upid = task.upid.replace(/:vzshutdown:|:vzstop:/, ':vzstart:');
    expect(upid).not.toBe(task.upid);
    const res = await read<ApiErrorDto>(h, `/api/tasks/${encodeURIComponent(upid)}`);
    expect(res.status).toBe(503);
    expect(res.body.reason).toBe('unreachable');
    expect(res.body.message).toMatch(/offline since .*nothing is cached/);
    expect(res.ms).toBeLessThan(500);
  });
});

describe('a container page never opened before the outage', () => {
  it('answers 200 from the cluster list: stale, partial, config and swap null', async () => {
    const list = await read<ContainerListDto>(h, '/api/containers');
    const known = list.body.items.find((c) => c.vmid === 104);
    const res = await read<ContainerDetailDto>(h, '/api/containers/104');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      ...known,
      stale: true,
      fetchedAt: list.body.fetchedAt,
      partial: true,
      swap: null,
      maxswap: null,
      config: null,
      pending: [],
    });
    expect(res.body).toMatchObject({ name: 'cache-1', node: 'pve3', status: 'running' });
    expect(res.cacheStatus).toBe('STALE');
  });

  it('still answers 404 for a vmid the cluster never had', async () => {
    expect((await read<ApiErrorDto>(h, '/api/containers/999')).status).toBe(404);
  });

  it('answers in full again once Proxmox is back', async () => {
    await disk.sim.faults.setDown(false);
    await waitFor(
      'online',
      async () => (await read<ConnectionStatusDto>(h, '/api/status')).body.state === 'online',
      3 * CYCLE_S * 1000,
    );
    const res = await read<ContainerDetailDto>(h, '/api/containers/104');
    expect(res.body).toMatchObject({ partial: false, stale: false, name: 'cache-1' });
    expect(res.body.config?.hostname).toBe('cache-1');
    expect(typeof res.body.maxswap).toBe('number');
  });

  it('answers a container of an offline node the same way, with its status unknown', async () => {
    disk.sim.faults.setNodeOffline('pve2', true);
    try {
      const res = await waitFor(
        'CT 111 unknown',
        async () => {
          const r = await read<ContainerDetailDto>(h, '/api/containers/111');
          return r.body.status === 'unknown' ? r : undefined;
        },
        3 * CYCLE_S * 1000,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ vmid: 111, partial: true, stale: true, config: null });
    } finally {
      disk.sim.faults.setNodeOffline('pve2', false);
    }
  });

  it('documents config, swap and maxswap as nullable in the OpenAPI document', async () => {
    const doc = await read<OpenApiDoc>(h, '/api/docs-json');
    const detail = doc.body.components.schemas.ContainerDetailDto;
    expect(detail.required).toContain('partial');
    for (const key of ['config', 'swap', 'maxswap']) {
      expect(detail.properties[key].nullable, key).toBe(true);
    }
  });
});

interface OpenApiDoc {
  components: {
    schemas: Record<
      string,
      { required: string[]; properties: Record<string, { nullable?: boolean }> }
    >;
  };
}
