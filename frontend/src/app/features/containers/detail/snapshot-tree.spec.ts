import { SnapshotDto } from '../../../api/models';
import { rollbackWarning, snapshotTree } from './snapshot-tree';

const snap = (name: string, snaptime: number, parent?: string, current = false): SnapshotDto => ({
  name,
  description: '',
  snaptime,
  parentOfCurrent: current,
  ...(parent ? { parent } : {}),
});

describe('snapshotTree', () => {
  it('nests children under their parent and puts "now" under the snapshot it follows', () => {
    const rows = snapshotTree([
      snap('b', 2, 'a'),
      snap('a', 1),
      snap('c', 3, 'a', true),
      snap('d', 4, 'b'),
    ]);
    expect(rows.map((r) => `${'-'.repeat(r.depth)}${r.name}`)).toEqual([
      'a',
      '-b',
      '--d',
      '-c',
      '--now',
    ]);
  });

  it('puts "now" at the root when the container follows no snapshot', () => {
    expect(snapshotTree([snap('a', 1)]).map((r) => r.name)).toEqual(['a', 'now']);
    expect(snapshotTree([]).map((r) => r.kind)).toEqual(['now']);
  });
});

describe('rollbackWarning', () => {
  it('says what is lost and that a running container is stopped', () => {
    const text = rollbackWarning(101, snap('base', 1), true, 'yesterday');
    expect(text).toContain("since snapshot 'base' was taken (yesterday) is lost");
    expect(text).toContain('stopped for the rollback');
  });
});
