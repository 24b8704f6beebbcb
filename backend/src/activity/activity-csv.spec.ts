import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './activity-csv.js';

describe('activity CSV', () => {
  it('quotes cells with commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(undefined)).toBe('');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes a header line and one CRLF line per entry', () => {
    const csv = toCsv([
      {
        id: 1,
        at: '2026-11-26T04:00:00.000Z',
        actor: 'alice',
        action: 'start',
        target: 'ct/101',
        node: 'pve1',
        result: 'ok',
        upid: 'UPID:pve1:x',
        endedAt: undefined,
      },
    ]);
    expect(csv).toBe(
      'at,actor,action,target,node,result,upid,message,endedAt\r\n' +
        '2026-11-26T04:00:00.000Z,alice,start,ct/101,pve1,ok,UPID:pve1:x,,\r\n',
    );
  });
});
