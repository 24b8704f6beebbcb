import { describe, expect, it } from 'vitest';
import { getApiSchema } from './api-schema.js';
import type { ApiEndpoint } from './types.js';
import { validateParameters } from './validate-parameters.js';

function endpoint(
  method: string,
  path: string,
): { ep: ApiEndpoint; params: Record<string, string> } {
  const result = getApiSchema().match(method, path);
  if (result.kind !== 'ok') throw new Error(`no endpoint for ${method} ${path}`);
  return { ep: result.endpoint, params: result.pathParams };
}

const create = endpoint('POST', '/nodes/pve/lxc');
const minimal = { vmid: '200', ostemplate: 'local:vztmpl/debian-12.tar.zst' };

function errorsOf(
  input: Record<string, string | string[]>,
  target = create,
): Record<string, string> {
  const result = validateParameters(target.ep, target.params, input);
  if (result.ok) throw new Error('expected validation to fail');
  return result.errors;
}

describe('validateParameters', () => {
  it('accepts a valid container create and coerces integers and booleans', () => {
    const result = validateParameters(create.ep, create.params, {
      ...minimal,
      cores: '2',
      unprivileged: '1',
      net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
      rootfs: 'local-lvm:8',
    });
    expect(result).toEqual({
      ok: true,
      values: {
        node: 'pve',
        ...minimal,
        vmid: 200,
        cores: 2,
        unprivileged: true,
        net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
        rootfs: 'local-lvm:8',
      },
    });
  });

  it('rejects an undeclared parameter', () => {
    expect(errorsOf({ ...minimal, colour: 'blue' })).toEqual({
      colour:
        'property is not defined in schema and the schema does not allow additional properties',
    });
  });

  it('reports a missing required parameter', () => {
    expect(errorsOf({ vmid: '200' })).toEqual({
      ostemplate: 'property is missing and it is not optional',
    });
  });

  it('reports a non-integer with the type check message', () => {
    expect(errorsOf({ ...minimal, cores: 'abc' })).toEqual({
      cores: "type check ('integer') failed - got 'abc'",
    });
  });

  it('reports out-of-range numbers', () => {
    expect(errorsOf({ ...minimal, cores: '0' })).toEqual({
      cores: 'value must have a minimum value of 1',
    });
    expect(errorsOf({ ...minimal, cores: '9999' })).toEqual({
      cores: 'value must have a maximum value of 8192',
    });
  });

  it('rejects vmid 99 through the pve-vmid format before the minimum', () => {
    expect(errorsOf({ ...minimal, vmid: '99' })).toEqual({
      vmid: 'invalid format - value does not look like a valid VM ID\n',
    });
  });

  it('rejects a hostname that is not a DNS name', () => {
    expect(errorsOf({ ...minimal, hostname: 'bad_host!' })).toEqual({
      hostname: 'invalid format - value does not look like a valid DNS name\n',
    });
  });

  it('rejects a value outside the enumeration', () => {
    expect(errorsOf({ ...minimal, arch: 'sparc' })).toEqual({
      arch: "value 'sparc' does not have a value in the enumeration 'amd64, i386, arm64, armhf, riscv32, riscv64'",
    });
  });

  it('accepts only 0 and 1 for top-level booleans, as PVE::JSONSchema::check_type does', () => {
    expect(errorsOf({ ...minimal, unprivileged: 'true' })).toEqual({
      unprivileged: "type check ('boolean') failed - got 'true'",
    });
    expect(validateParameters(create.ep, create.params, { ...minimal, start: '0' })).toMatchObject({
      ok: true,
      values: { start: false },
    });
  });

  it('reports maxLength and pattern violations', () => {
    expect(errorsOf({ ...minimal, hostname: `${'a'.repeat(256)}` })).toEqual({
      hostname: 'value may only be 255 characters long',
    });
    const rrd = endpoint('GET', '/nodes/pve/lxc/100/rrddata');
    expect(errorsOf({ timeframe: 'hour', cf: 'MEDIAN' }, rrd)).toEqual({
      cf: "value 'MEDIAN' does not have a value in the enumeration 'AVERAGE, MAX'",
    });
  });

  it('prefixes property-string errors with the parameter name', () => {
    expect(errorsOf({ ...minimal, net0: 'bridge=vmbr0' })).toEqual({
      net0: 'invalid format - format error\nnet0.name: property is missing and it is not optional\n',
    });
    expect(errorsOf({ ...minimal, net0: 'name=eth0,colour=red' })).toEqual({
      net0: 'invalid format - invalid key in comma-separated list property: colour\n',
    });
    expect(errorsOf({ ...minimal, net0: 'name=eth0,tag=9999' })).toEqual({
      net0: 'invalid format - format error\nnet0.tag: value must have a maximum value of 4094\n',
    });
  });

  it('maps indexed schema names such as net[n] to net0..net31 only', () => {
    const ok = validateParameters(create.ep, create.params, {
      ...minimal,
      net31: 'name=eth31',
      mp255: 'local:8,mp=/a',
    });
    expect(ok.ok).toBe(true);
    expect(errorsOf({ ...minimal, net32: 'name=eth32' })).toEqual({
      net32:
        'property is not defined in schema and the schema does not allow additional properties',
    });
    expect(errorsOf({ ...minimal, net: 'name=eth0' })).toHaveProperty('net');
  });

  it('checks -list formats item by item', () => {
    const config = endpoint('PUT', '/nodes/pve/lxc/100/config');
    expect(validateParameters(config.ep, config.params, { delete: 'net0,mp1;tags' }).ok).toBe(true);
    expect(errorsOf({ delete: 'net0,9bad' }, config)).toEqual({
      delete: "invalid format - invalid configuration ID '9bad'\n",
    });
    expect(errorsOf({ ...minimal, tags: 'web;ok,bad tag!' })).toEqual({
      tags: 'invalid format - invalid characters in tag\n',
    });
  });

  it('rejects a body parameter that repeats a path parameter, as PVE does even for equal values', () => {
    const status = endpoint('GET', '/nodes/pve/lxc/100/status/current');
    expect(errorsOf({ vmid: '100' }, status)).toEqual({
      vmid: 'duplicate parameter (already defined in URI)',
    });
  });

  it('validates path parameters too and drops the _dc cache buster', () => {
    const status = endpoint('GET', '/nodes/pve/lxc/99/status/current');
    expect(errorsOf({ _dc: '123' }, status)).toEqual({
      vmid: 'invalid format - value does not look like a valid VM ID\n',
    });
  });

  it('joins repeated query keys with NUL like CGI.pm, which fails scalar type checks', () => {
    expect(errorsOf({ ...minimal, cores: ['1', '2'] })).toEqual({
      cores: "type check ('integer') failed - got '1\u00002'",
    });
  });

  it('treats an empty value as absent, as PVE does for "k=" in a form body', () => {
    expect(errorsOf({ vmid: '200', ostemplate: '' })).toEqual({
      ostemplate: 'property is missing and it is not optional',
    });
    const result = validateParameters(create.ep, create.params, { ...minimal, cores: '' });
    expect(result).toMatchObject({ ok: true, values: { cores: '' } });
  });

  it('treats a __proto__ key as an ordinary undeclared parameter', () => {
    expect(errorsOf({ ...minimal, ['__proto__']: 'x' })).toEqual({
      ['__proto__']:
        'property is not defined in schema and the schema does not allow additional properties',
    });
  });
});
