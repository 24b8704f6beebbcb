import { describe, expect, it } from 'vitest';
import { getApiSchema } from './api-schema.js';
import { parsePropertyString, splitList } from './property-string.js';

function formatOf(method: string, path: string, param: string): Record<string, unknown> {
  const result = getApiSchema().match(method, path);
  if (result.kind !== 'ok') throw new Error(`no endpoint for ${method} ${path}`);
  const format = result.endpoint.parameters.properties?.[param]?.format;
  if (typeof format !== 'object') throw new Error(`${param} has no object format`);
  return format;
}

const lxcNet = formatOf('POST', '/nodes/pve/lxc', 'net[n]');
const rootfs = formatOf('POST', '/nodes/pve/lxc', 'rootfs');
const features = formatOf('POST', '/nodes/pve/lxc', 'features');
const qemuNet = formatOf('POST', '/nodes/pve/qemu', 'net[n]');

describe('parsePropertyString', () => {
  it('parses and coerces a container network device', () => {
    expect(parsePropertyString('name=eth0,bridge=vmbr0,ip=dhcp,tag=10,firewall=1', lxcNet)).toEqual(
      {
        ok: true,
        values: { name: 'eth0', bridge: 'vmbr0', ip: 'dhcp', tag: 10, firewall: true },
      },
    );
  });

  it('accepts the boolean spellings of parse_boolean inside property strings', () => {
    const result = parsePropertyString('nesting=yes,keyctl=off,fuse=TRUE', features);
    expect(result).toEqual({ ok: true, values: { nesting: true, keyctl: false, fuse: true } });
    expect(parsePropertyString('nesting=maybe', features)).toEqual({
      ok: false,
      error: "format error\nnesting: type check ('boolean') failed - got 'maybe'\n",
    });
  });

  it('puts a value without a key under the default key', () => {
    expect(parsePropertyString('local-lvm:8,acl=1', rootfs)).toEqual({
      ok: true,
      values: { volume: 'local-lvm:8', acl: true },
    });
    expect(parsePropertyString('a:1,b:2', rootfs)).toEqual({
      ok: false,
      error: 'duplicate key in comma-separated list property: volume\n',
    });
    expect(parsePropertyString('eth0', lxcNet)).toEqual({
      ok: false,
      error: 'value without key, but schema does not define a default key\n',
    });
  });

  it('stores an alias under its target and the key under keyAlias', () => {
    expect(parsePropertyString('virtio=BC:24:11:00:00:01,bridge=vmbr0', qemuNet)).toEqual({
      ok: true,
      values: { macaddr: 'BC:24:11:00:00:01', model: 'virtio', bridge: 'vmbr0' },
    });
  });

  it('reports duplicate, unknown and missing keys with PVE wording', () => {
    expect(parsePropertyString('name=a,name=b', lxcNet)).toEqual({
      ok: false,
      error: 'duplicate key in comma-separated list property: name\n',
    });
    expect(parsePropertyString('name=a,=x', lxcNet)).toEqual({
      ok: false,
      error: 'missing key in comma-separated list property\n',
    });
  });

  it('prefixes per-key errors with the given path and checks nested formats and patterns', () => {
    expect(
      parsePropertyString('name=eth0,hwaddr=01:00:00:00:00:00,bridge=vm br', lxcNet, 'net0'),
    ).toEqual({
      ok: false,
      error:
        'format error\n' +
        'net0.bridge: value does not match the regex pattern\n' +
        'net0.hwaddr: invalid format - value does not look like a valid unicast MAC address\n\n',
    });
  });

  it('converts Perl regex groups such as (?^:...) from apidoc.json', () => {
    expect(parsePropertyString('local:8,mountoptions=noatime;nodev', rootfs).ok).toBe(true);
    expect(parsePropertyString('local:8,mountoptions=noatime;bogus', rootfs)).toEqual({
      ok: false,
      error: 'format error\nmountoptions: value does not match the regex pattern\n',
    });
  });
});

describe('splitList', () => {
  it('splits on commas, semicolons and blanks, or on NUL when one is present', () => {
    expect(splitList(' a, b;c  d ')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitList('a,b\0c')).toEqual(['a,b', 'c']);
    expect(splitList('')).toEqual([]);
  });
});

describe('parsePropertyString with hostile keys', () => {
  it('rejects keys that only exist on Object.prototype', () => {
    expect(parsePropertyString('name=eth0,__proto__=x', lxcNet)).toEqual({
      ok: false,
      error: 'invalid key in comma-separated list property: __proto__\n',
    });
    expect(parsePropertyString('name=eth0,toString=x', lxcNet)).toEqual({
      ok: false,
      error: 'invalid key in comma-separated list property: toString\n',
    });
  });
});
