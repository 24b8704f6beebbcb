import { describe, expect, it } from 'vitest';
import { pveFixture } from './testing/fake-pve-server.js';
import { parseUpid } from './upid.js';

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

const { vectors } = pveFixture<{ vectors: Vector[] }>('upid-examples.json');

describe('parseUpid', () => {
  it.each(vectors.map((v) => [v.upid, v] as const))(
    'decodes the PVE test vector %s',
    (upid, vector) => {
      const parsed = parseUpid(upid);
      const [user, tokenid] = vector.decoded.user.split('!');
      expect(parsed).toEqual({
        upid,
        ...vector.decoded,
        user,
        ...(tokenid ? { tokenid } : {}),
      });
    },
  );

  it('splits a token-owned UPID into user and token id', () => {
    expect(
      parseUpid('UPID:proxmox2:000D7AA2:08D5A17C:63DF62A5:vzclone:200:root@pam!api_token:'),
    ).toMatchObject({
      user: 'root@pam',
      tokenid: 'api_token',
      node: 'proxmox2',
    });
  });

  it.each([
    ['the trailing colon is missing', 'UPID:pve:0000C346:165A0CE4:68D7279C:vzstart:101:root@pam'],
    [
      'something follows the user',
      'UPID:node1:000FF1FD:10F9374C:630D702C:vzdump:110:root@pam:done',
    ],
    ['the pid is not 8 hex digits', 'UPID:pve:C346:165A0CE4:68D7279C:vzstart:101:root@pam:'],
    ['the node ends with a hyphen', 'UPID:pve-:0000C346:165A0CE4:68D7279C:vzstart:101:root@pam:'],
    ['the type contains a slash', 'UPID:pve:0000C346:165A0CE4:68D7279C:vz/start:101:root@pam:'],
    ['it is not a UPID at all', 'UPID:../../etc/passwd'],
  ])('returns null when %s', (_, upid) => {
    expect(parseUpid(upid)).toBeNull();
  });
});
