import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getApiSchema, type ApiEndpoint } from '../../pve-sim/src/schema/index.js';
import { validateReturns } from './apidoc-returns.js';

function endpoint(method: string, path: string): ApiEndpoint {
  const result = getApiSchema().match(method, path);
  if (result.kind !== 'ok') throw new Error(`no endpoint for ${method} ${path}`);
  return result.endpoint;
}

function fixture(name: string): unknown {
  const url = new URL(`../fixtures/pve/${name}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { data: unknown }).data;
}

const clone = <T>(value: T): T => structuredClone(value);

describe('validateReturns on captured fixtures', () => {
  it.each([
    ['nodes.json', 'GET', '/nodes'],
    ['cluster-status.json', 'GET', '/cluster/status'],
    ['cluster-resources.json', 'GET', '/cluster/resources'],
    ['cluster-resources-type-vm-lxc.json', 'GET', '/cluster/resources'],
    ['version-pve7.json', 'GET', '/version'],
    ['version-pve8.json', 'GET', '/version'],
    ['access-ticket.json', 'POST', '/access/ticket'],
    ['aplinfo.json', 'GET', '/nodes/pve/aplinfo'],
    ['task-status-running.json', 'GET', '/nodes/pve/tasks/x/status'],
    ['task-status-stopped-ok.json', 'GET', '/nodes/pve/tasks/x/status'],
    ['task-status-stopped-error.json', 'GET', '/nodes/pve/tasks/x/status'],
    ['task-status-running-apitoken.json', 'GET', '/nodes/pve/tasks/x/status'],
  ])('%s fits %s %s', (name, method, path) => {
    expect(validateReturns(endpoint(method, path), fixture(name))).toEqual([]);
  });

  it('flags the numeric strings of older PVE unless they are explicitly allowed', () => {
    const status = endpoint('GET', '/nodes/pve/lxc/100/status/current');
    const config = endpoint('GET', '/nodes/pve/lxc/100/config');
    expect(validateReturns(status, fixture('lxc-status-current.json'))).toEqual([
      'data.cpus: expected number, got string "1"',
    ]);
    expect(validateReturns(config, fixture('lxc-config.json'))).toEqual([
      'data.cpulimit: expected number, got string "0"',
    ]);
    const lenient = { allowNumericStrings: true };
    expect(validateReturns(status, fixture('lxc-status-current.json'), lenient)).toEqual([]);
    expect(validateReturns(config, fixture('lxc-config.json'), lenient)).toEqual([]);
  });
});

describe('validateReturns on broken data', () => {
  const nodes = endpoint('GET', '/nodes');
  const good = fixture('nodes.json') as Record<string, unknown>[];

  it('reports a missing required property, a bad enum and a float where an integer belongs', () => {
    const data = clone(good);
    delete data[0].node;
    data[1].status = 'sleeping';
    data[2].maxcpu = 1.5;
    expect(validateReturns(nodes, data)).toEqual([
      'data[0].node: required property is missing',
      'data[1].status: string "sleeping" is not one of unknown, online, offline',
      'data[2].maxcpu: expected integer, got number 1.5',
    ]);
  });

  it('reports the wrong top-level type and checks named formats', () => {
    expect(validateReturns(nodes, { node: 'pve' })).toEqual([
      'data: expected array, got object {"node":"pve"}',
    ]);
    const data = clone(good);
    data[0].node = 'bad_node';
    expect(validateReturns(nodes, data)).toEqual([
      'data[0].node: format pve-node: value does not look like a valid node name',
    ]);
  });

  it('requires null for endpoints that return nothing, and an integer for nextid', () => {
    const put = endpoint('PUT', '/nodes/pve/lxc/100/config');
    expect(validateReturns(put, null)).toEqual([]);
    expect(validateReturns(put, 'UPID:x')).toEqual(['data: expected null, got string "UPID:x"']);
    expect(validateReturns(endpoint('GET', '/cluster/nextid'), '100')).toEqual([
      'data: expected integer, got string "100"',
    ]);
  });

  it('checks indexed keys such as net0 against the net[n] schema of the container config', () => {
    const config = endpoint('GET', '/nodes/pve/lxc/100/config');
    expect(validateReturns(config, { digest: 'abc', net0: 42 })).toEqual([
      'data.net0: expected string, got number 42',
    ]);
  });
});
