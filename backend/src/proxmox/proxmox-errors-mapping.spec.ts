import { describe, expect, it } from 'vitest';
import { mapTransportFailure } from './proxmox-error-map.js';
import { TEST_SECRET, proxmoxFailure, useFakePve } from './testing/client-harness.js';
import { pveFixture } from './testing/fake-pve-server.js';

const fake = useFakePve();

/** PVE 9 puts the text in the body (with a newline); older servers only in the reason phrase. */
const styles = [
  [
    'the JSON message',
    (status: number, text: string) => ({
      status,
      reason: text,
      body: { data: null, message: `${text}\n` },
    }),
  ],
  [
    'the reason phrase only',
    (status: number, text: string) => ({ status, reason: text, body: { data: null } }),
  ],
] as const;

describe.each(styles)('error mapping with the text in %s', (_, answer) => {
  async function failWith(status: number, text: string) {
    fake.reply(() => answer(status, text));
    return proxmoxFailure(fake.connect().containerAction('pve', 101, 'start'));
  }

  it('maps 401 to auth', async () => {
    const error = await failWith(401, 'authentication failure');
    expect(error.code).toBe('auth');
    expect(error.details.status).toBe(401);
  });

  it('maps 403 to permission with the path and privilege PVE names', async () => {
    const error = await failWith(403, 'Permission check failed (/vms/100, VM.PowerMgmt)');
    expect(error.code).toBe('permission');
    expect(error.details).toMatchObject({ path: '/vms/100', privilege: 'VM.PowerMgmt' });
  });

  it('maps "CT is locked (create)" to locked with the lock name', async () => {
    const error = await failWith(500, 'CT is locked (create)');
    expect(error.code).toBe('locked');
    expect(error.details.lock).toBe('create');
    expect(error.message).toBe('CT is locked (create)');
  });

  it.each([
    'CT 101 already running',
    'CT 101 not running',
    "CT 101 already exists on node 'pve'",
    'unable to destroy CT 101 - container is running',
  ])('maps "%s" to conflict', async (text) => {
    expect((await failWith(500, text)).code).toBe('conflict');
  });

  it.each([
    "Configuration file 'nodes/pve/lxc/101.conf' does not exist",
    "storage 'nope' does not exist",
    'no such VM (101)',
  ])('maps "%s" to not-found', async (text) => {
    expect((await failWith(500, text)).code).toBe('not-found');
  });

  it('maps 501 no such uri to not-found', async () => {
    expect((await failWith(501, 'no such uri')).code).toBe('not-found');
  });

  it.each([595, 596, 597, 599])(
    'maps %i from pveproxy to unreachable naming the node',
    async (status) => {
      const error = await failWith(status, 'Connection refused');
      expect(error.code).toBe('unreachable');
      expect(error.details.node).toBe('pve');
      expect(error.message).toContain("node 'pve'");
    },
  );

  it('maps any other failure to upstream and keeps PVE text', async () => {
    const error = await failWith(500, 'command failed with exit code 1');
    expect(error.code).toBe('upstream');
    expect(error.message).toContain('command failed with exit code 1');
  });
});

describe('other error answers', () => {
  it('maps 400 with errors to invalid with the field errors', async () => {
    fake.reply(() => ({
      status: 400,
      reason: 'Parameter verification failed.',
      body: pveFixture('error-400-param-type-check.json'),
    }));
    const error = await proxmoxFailure(
      fake.connect().updateContainerConfig('pve', 101, { cores: 2 }),
    );
    expect(error.code).toBe('invalid');
    expect(error.details.fieldErrors).toEqual({
      command: "type check ('string') failed - got ARRAY",
    });
  });

  it('maps a token-not-allowed 403 to permission without inventing a path', async () => {
    fake.reply(() => ({
      status: 403,
      reason:
        "Permission check failed (URI '/access/ticket' not available with API token, need proper ticket.)",
    }));
    const error = await proxmoxFailure(fake.connect().getVersion());
    expect(error.code).toBe('permission');
    expect(error.details.path).toBeUndefined();
  });

  it('maps a 404 without any text to not-found', async () => {
    fake.reply(() => ({ status: 404, body: '' }));
    expect((await proxmoxFailure(fake.connect().getVersion())).code).toBe('not-found');
  });

  it('reads a plain-text body when there is neither JSON nor a reason phrase', async () => {
    fake.reply(() => ({ status: 500, body: 'CT is locked (backup)' }));
    const error = await proxmoxFailure(fake.connect().containerAction('pve', 1, 'stop'));
    expect(error.details.lock).toBe('backup');
  });

  it('maps a lock-file timeout to locked so callers retry it', async () => {
    fake.reply(() => ({
      status: 500,
      reason: "can't lock file '/run/lock/lxc/pve-config-100.conf' - got timeout",
    }));
    expect((await proxmoxFailure(fake.connect().updateContainerConfig('pve', 100, {}))).code).toBe(
      'locked',
    );
  });

  it('maps a refused connection to unreachable', async () => {
    const client = fake.connect({ baseUrl: 'https://127.0.0.1:1' });
    expect((await proxmoxFailure(client.getVersion())).code).toBe('unreachable');
  });

  it.each(['ENOTFOUND', 'EHOSTUNREACH', 'ECONNREFUSED'])(
    'maps a socket error %s (also inside a dual-stack AggregateError) to unreachable',
    (code) => {
      const socketError = Object.assign(new Error(code), { code });
      expect(mapTransportFailure(socketError, 'GET /version', false).code).toBe('unreachable');
      const aggregate = new AggregateError([socketError], '');
      expect(mapTransportFailure(aggregate, 'GET /version', false).code).toBe('unreachable');
    },
  );

  it('never puts the token secret in an error message or its details', async () => {
    fake.reply(() => ({ status: 401, reason: 'authentication failure' }));
    const error = await proxmoxFailure(fake.connect().getVersion());
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(
      TEST_SECRET,
    );
    expect(error.cause).toBeUndefined();
  });
});
