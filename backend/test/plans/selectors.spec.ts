import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, startConsole } from '../support/console-harness.js';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(() => h.stop());

async function select(selector: string): Promise<number[]> {
  const res = await h.get<{ items: { vmid: number }[] }>(
    `/api/containers?selector=${encodeURIComponent(selector)}`,
  );
  expect(res.status, res.text).toBe(200);
  return res.body.items.map((c) => c.vmid);
}

// The default pve-sim scenario: 12 CTs 101-112 (112 is a template), VMs 200-201 never listed.
describe('GET /api/containers?selector=', () => {
  it('resolves every term against the live cluster', async () => {
    expect(await select('tag:web')).toEqual([101, 102, 108]);
    expect(await select('node:pve1')).toEqual([101, 103, 107, 110]);
    expect(await select('status:stopped')).toEqual(
      (await h.get<{ items: { vmid: number; status: string }[] }>('/api/containers')).body.items
        .filter((c) => c.status === 'stopped')
        .map((c) => c.vmid),
    );
    expect(await select('pool:data')).toEqual([103, 104]);
    expect(await select('vmid:103-105')).toEqual([103, 104, 105]);
    expect(await select('vmid:110')).toEqual([110]);
  });

  it('combines terms, negates them and matches globs', async () => {
    expect(await select('tag:prod -pool:web')).toEqual([103, 104]);
    expect(await select('name:web-*')).toEqual([101, 102]);
    expect(await select('tag:web -node:pve2')).toEqual([101]);
    expect(await select('pool:* node:pve3')).toEqual([104]);
  });

  it('lets a bare word match name, vmid or tag', async () => {
    expect(await select('web')).toEqual([101, 102, 108]);
    expect(await select('11')).toEqual([110, 111, 112]);
  });

  it('answers a selector it cannot read with a 400 that names the term', async () => {
    const res = await h.get('/api/containers?selector=colour%3Ared');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Unknown selector key \\"colour\\"');
    const range = await h.get('/api/containers?selector=vmid%3A9-1');
    expect(range.status).toBe(400);
    expect(range.text).toContain('vmid:100-120');
  });
});
