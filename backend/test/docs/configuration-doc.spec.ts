import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, type ConfigKeySpec } from '../../src/config/config.schema.js';

const DOC_PATH = join(import.meta.dirname, '../../../docs/CONFIGURATION.md');
const UNSET = '(unset)';
const EMPTY = '(empty)';

interface DocRow {
  yaml: string;
  env: string;
  type: string;
  default: string;
}

/** Rows of the key table: | `yaml.key` | `PROXICLOUD_X` | type | default | description | */
function parseKeyTable(markdown: string): DocRow[] {
  return markdown
    .split('\n')
    .filter((line) => /^\|\s*`[a-z0-9_.]+`\s*\|\s*`PROXICLOUD_[A-Z0-9_]+`/.test(line))
    .map((line) => {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/^`(.*)`$/, '$1'));
      return { yaml: cells[0], env: cells[1], type: cells[2], default: cells[3] };
    });
}

function documentedDefault(spec: ConfigKeySpec): string {
  if (spec.default === undefined) return UNSET;
  return spec.default === '' ? EMPTY : String(spec.default);
}

const specs = Object.values(CONFIG_KEYS) as ConfigKeySpec[];
const rows = parseKeyTable(readFileSync(DOC_PATH, 'utf8'));

describe('docs/CONFIGURATION.md', () => {
  it('has a key table to check', () => {
    expect(rows.length).toBeGreaterThan(0);
  });

  it.each(specs.map((spec) => [spec.env, spec] as const))(
    'documents %s with its YAML key, type and default',
    (env, spec) => {
      const row = rows.find((r) => r.env === env);
      expect(row, `${env} is missing from the key table`).toBeDefined();
      expect(row).toEqual({
        yaml: spec.yaml,
        env,
        type: spec.type,
        default: documentedDefault(spec),
      });
    },
  );

  it('lists no key the config schema does not have', () => {
    const known = new Set(specs.map((spec) => spec.env));
    expect(rows.map((r) => r.env).filter((env) => !known.has(env))).toEqual([]);
  });

  it('lists every key once', () => {
    const envs = rows.map((r) => r.env);
    expect(envs.filter((env, i) => envs.indexOf(env) !== i)).toEqual([]);
  });
});
