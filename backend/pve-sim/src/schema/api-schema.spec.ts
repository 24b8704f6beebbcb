import { describe, expect, it } from 'vitest';
import { getApiSchema } from './api-schema.js';

describe('getApiSchema', () => {
  const schema = getApiSchema();

  it('loads every method of apidoc.json once and caches the result', () => {
    expect(schema.endpoints()).toHaveLength(649);
    expect(getApiSchema()).toBe(schema);
  });

  it('matches a templated path and returns its path parameters', () => {
    const result = schema.match('GET', '/nodes/pve1/lxc/100/status/current');
    expect(result).toMatchObject({
      kind: 'ok',
      endpoint: { path: '/nodes/{node}/lxc/{vmid}/status/current', method: 'GET', proxyto: 'node' },
      pathParams: { node: 'pve1', vmid: '100' },
    });
  });

  it('decodes percent-encoded segments such as a UPID', () => {
    const result = schema.match('GET', '/nodes/pve/tasks/UPID%3Apve%3A0000ABCD%3A/status');
    expect(result).toMatchObject({ kind: 'ok', pathParams: { upid: 'UPID:pve:0000ABCD:' } });
  });

  it('prefers an exact segment over a template at the same level', () => {
    const result = schema.match('GET', '/cluster/resources');
    expect(result).toMatchObject({ kind: 'ok', endpoint: { path: '/cluster/resources' } });
    const status = schema.match('POST', '/nodes/pve/lxc/100/status/start');
    expect(status).toMatchObject({ kind: 'ok', endpoint: { name: 'vm_start' } });
  });

  it('ignores empty segments and a trailing slash like PVE', () => {
    expect(schema.match('GET', '//nodes/pve//lxc/')).toMatchObject({
      kind: 'ok',
      endpoint: { path: '/nodes/{node}/lxc' },
    });
  });

  it('reports method-not-allowed with the template when only the method is unknown', () => {
    expect(schema.match('DELETE', '/nodes/pve/lxc/100/status/current')).toEqual({
      kind: 'method-not-allowed',
      path: '/nodes/{node}/lxc/{vmid}/status/current',
    });
  });

  it('reports no-such-path for paths outside the schema', () => {
    expect(schema.match('GET', '/nodes/pve/lxc/100/bogus')).toEqual({ kind: 'no-such-path' });
    expect(schema.match('GET', '/')).toEqual({ kind: 'no-such-path' });
  });

  it('maps the flags of the schema to booleans', () => {
    const ticket = schema.match('POST', '/access/ticket');
    expect(ticket).toMatchObject({ kind: 'ok', endpoint: { allowtoken: false, protected: true } });
    const nodes = schema.match('GET', '/nodes');
    expect(nodes).toMatchObject({ kind: 'ok', endpoint: { allowtoken: true, protected: false } });
  });
});
