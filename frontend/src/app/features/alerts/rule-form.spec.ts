import { AlertRuleDto } from '../../api/models';
import { RuleFormValue, conditionLine, previewBody, ruleBody, scopeLine } from './rule-form';

const form: RuleFormValue = {
  name: ' web cpu ',
  kind: 'cpu',
  severity: 'critical',
  scopeKind: 'tag',
  scopeValue: ' web ',
  threshold: '85',
  forMinutes: '2.5',
  channelIds: [3],
};

const rule = (overrides: Partial<AlertRuleDto>): AlertRuleDto => ({
  id: 1,
  name: 'r',
  kind: 'cpu',
  builtin: false,
  enabled: true,
  severity: 'warning',
  scopeKind: 'all',
  forS: 0,
  channelIds: [],
  ...overrides,
});

describe('rule form', () => {
  it('previews exactly what decides firing: kind, threshold, for in seconds, scope', () => {
    expect(previewBody(form)).toEqual({
      kind: 'cpu',
      threshold: 85,
      forS: 150,
      scopeKind: 'tag',
      scopeValue: 'web',
    });
  });

  it('leaves the threshold out for kinds without one and the value out for scope all', () => {
    expect(previewBody({ ...form, kind: 'expect-state', scopeKind: 'all' })).toEqual({
      kind: 'expect-state',
      scopeKind: 'all',
      forS: 150,
    });
  });

  it('saves the preview fields with name, severity and channels', () => {
    expect(ruleBody(form)).toMatchObject({
      name: 'web cpu',
      severity: 'critical',
      channelIds: [3],
    });
  });

  it('describes rules in words', () => {
    expect(conditionLine(rule({ threshold: 90, forS: 300 }))).toBe('cpu above 90% for 5 min');
    expect(conditionLine(rule({ kind: 'proxmox-unreachable', threshold: 3 }))).toBe(
      '3 failed cycles in a row',
    );
    expect(conditionLine(rule({ kind: 'container-down', forS: 45 }))).toBe(
      'container-down for 45 s',
    );
    expect(conditionLine(rule({ kind: 'backup-age', threshold: 3 }))).toBe(
      'newest backup older than 3 days',
    );
    expect(scopeLine(rule({ scopeKind: 'vmids', scopeValue: '101,102' }))).toBe('CTs 101,102');
    expect(scopeLine(rule({}))).toBe('everything');
  });
});
