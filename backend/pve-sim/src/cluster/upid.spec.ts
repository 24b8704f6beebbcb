import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatUpid, parseUpid } from './upid.js';

interface Vector {
  upid: string;
  decoded: {
    node: string;
    pid: number;
    pstart: number;
    starttime: number;
    type: string;
    id: string;
    user: string;
  };
}
const fixture = new URL('../../../test/fixtures/pve/upid-examples.json', import.meta.url);
const vectors = (JSON.parse(readFileSync(fixture, 'utf8')) as { vectors: Vector[] }).vectors;

describe('UPID', () => {
  it.each(vectors)('decodes $upid as the PVE parser does', ({ upid, decoded }) => {
    expect(parseUpid(upid)).toEqual(decoded);
  });

  it.each(vectors)('encodes the fields of $upid back to the same string', ({ upid, decoded }) => {
    expect(formatUpid(decoded)).toBe(upid);
  });

  it('rejects a UPID without the trailing colon', () => {
    expect(parseUpid('UPID:pve1:0000C346:165A0CE4:68D7279C:vzstart:100:root@pam')).toBeUndefined();
  });

  it('keeps a token user whole', () => {
    const u = {
      node: 'pve1',
      pid: 1,
      pstart: 2,
      starttime: 3,
      type: 'vzcreate',
      id: '101',
      user: 'root@pam!ci',
    };
    expect(formatUpid(u)).toBe('UPID:pve1:00000001:00000002:00000003:vzcreate:101:root@pam!ci:');
  });
});
