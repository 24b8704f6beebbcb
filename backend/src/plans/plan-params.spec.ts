import { describe, expect, it } from 'vitest';
import { checkParams } from './plan-params.js';

const refused = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('not refused');
};

describe('checkParams', () => {
  it("refuses a param that belongs to another action, naming the action's own", () => {
    expect(refused(() => checkParams('stop', { name: 'x' }))).toBe(
      'params.name does not apply to stop plans (they take no params)',
    );
    expect(refused(() => checkParams('snapshot', { name: 'x1', force: true }))).toBe(
      'params.force does not apply to snapshot plans (they take name, description)',
    );
  });

  it('asks a snapshot plan for a name Proxmox accepts', () => {
    expect(refused(() => checkParams('snapshot', {}))).toMatch(/need params.name/);
    expect(refused(() => checkParams('snapshot', { name: 'vzdump' }))).toMatch(/reserved/);
    expect(checkParams('snapshot', { name: 'pre-up', description: undefined })).toEqual({
      name: 'pre-up',
    });
  });

  it('fills in the backup mode and checks the notes as the backup route does', () => {
    expect(checkParams('backup', {})).toEqual({ mode: 'snapshot' });
    expect(checkParams('backup', { mode: 'stop' }).mode).toBe('stop');
    expect(refused(() => checkParams('backup', { notes: 'a {{owner}}' }))).toMatch(
      /unknown variable/,
    );
  });

  it('asks a tag plan for something to add or remove, never both for one tag', () => {
    expect(refused(() => checkParams('tag', {}))).toMatch(/params.add or params.remove/);
    expect(refused(() => checkParams('tag', { add: [], remove: [] }))).toMatch(/params.add/);
    expect(refused(() => checkParams('tag', { add: ['Dev'], remove: ['dev'] }))).toMatch(
      /'dev' is both added and removed/,
    );
    expect(checkParams('tag', { add: ['db'] })).toEqual({ add: ['db'] });
  });
});
