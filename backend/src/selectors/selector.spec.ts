import { describe, expect, it } from 'vitest';
import {
  type SelectorSubject,
  SelectorSyntaxError,
  parseSelector,
  selectMatching,
} from './selector.js';

const CTS: SelectorSubject[] = [
  { vmid: 101, name: 'web-1', node: 'pve1', status: 'running', tags: ['web', 'prod'], pool: 'web' },
  { vmid: 102, name: 'web-2', node: 'pve2', status: 'stopped', tags: ['web', 'prod'], pool: 'web' },
  { vmid: 103, name: 'db-1', node: 'pve1', status: 'running', tags: ['db', 'prod'], pool: 'data' },
  { vmid: 111, name: 'dev-box', node: 'pve2', status: 'running', tags: ['dev'] },
  { vmid: 120, name: 'staging-web', node: 'pve3', status: 'unknown', tags: [] },
];

const ids = (text: string): number[] => selectMatching(text, CTS).map((c) => c.vmid);

describe('selectors', () => {
  it('select everything when empty or blank', () => {
    expect(ids('')).toEqual([101, 102, 103, 111, 120]);
    expect(ids('   ')).toHaveLength(5);
  });

  it('match tags exactly, case-insensitively, and by glob', () => {
    expect(ids('tag:web')).toEqual([101, 102]);
    expect(ids('tag:PROD')).toEqual([101, 102, 103]);
    expect(ids('tag:d*')).toEqual([103, 111]);
    expect(ids('tag:we')).toEqual([]);
  });

  it('match node, status, name and pool', () => {
    expect(ids('node:pve1')).toEqual([101, 103]);
    expect(ids('node:pve?')).toHaveLength(5);
    expect(ids('status:running')).toEqual([101, 103, 111]);
    expect(ids('status:unknown')).toEqual([120]);
    expect(ids('name:web-*')).toEqual([101, 102]);
    expect(ids('name:*web*')).toEqual([101, 102, 120]);
    expect(ids('pool:web')).toEqual([101, 102]);
    expect(ids('pool:*')).toEqual([101, 102, 103]);
  });

  it('match vmids singly and in closed and open ranges', () => {
    expect(ids('vmid:103')).toEqual([103]);
    expect(ids('vmid:102-111')).toEqual([102, 103, 111]);
    expect(ids('vmid:111-')).toEqual([111, 120]);
    expect(ids('vmid:-102')).toEqual([101, 102]);
  });

  it('require every term and negate terms with a leading minus', () => {
    expect(ids('tag:prod node:pve1')).toEqual([101, 103]);
    expect(ids('tag:prod -tag:web')).toEqual([103]);
    expect(ids('-pool:*')).toEqual([111, 120]);
    expect(ids('-status:running -vmid:120')).toEqual([102]);
  });

  it('let a bare word match part of a name, the start of a vmid or part of a tag', () => {
    expect(ids('web')).toEqual([101, 102, 120]);
    expect(ids('10')).toEqual([101, 102, 103]);
    expect(ids('de')).toEqual([111]);
    expect(ids('-web')).toEqual([103, 111]);
    expect(ids('*-1')).toEqual([101, 103]);
  });

  it('treat a lone minus as a bare word, not an empty negation', () => {
    expect(ids('-')).toEqual([101, 102, 103, 111, 120]);
  });

  it('refuse unknown keys, empty values, bad statuses and bad ranges with a readable message', () => {
    const cases: [string, RegExp][] = [
      ['colour:red', /Unknown selector key "colour"/],
      ['tag:', /needs a value/],
      ['status:sleeping', /status is one of running, stopped/],
      ['vmid:abc', /vmid takes a number or a range/],
      ['vmid:120-100', /vmid takes a number or a range/],
      ['vmid:-', /vmid takes a number or a range/],
    ];
    for (const [text, message] of cases) {
      expect(() => parseSelector(text), text).toThrow(SelectorSyntaxError);
      expect(() => parseSelector(text), text).toThrow(message);
    }
    expect(() => parseSelector('x'.repeat(501))).toThrow(/at most 500/);
  });

  it('keep regular-expression characters literal in globs', () => {
    const odd: SelectorSubject[] = [
      { ...CTS[0], name: 'a.b' },
      { ...CTS[1], name: 'axb' },
    ];
    expect(selectMatching('name:a.b', odd).map((c) => c.name)).toEqual(['a.b']);
  });

  it('normalise the text of a parsed selector', () => {
    expect(parseSelector('  tag:web   -node:pve2 ').text).toBe('tag:web -node:pve2');
  });
});
