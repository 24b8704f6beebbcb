import { getApiSchema, validateParameters } from '../../pve-sim/src/schema/index.js';
import type { PveSimHandle } from '../../pve-sim/src/index.js';

const BASE = '/api2/json';

/**
 * Re-checks every request the console sent to pve-sim against apidoc.json: the path and method exist
 * in the schema and the parameters validate. Returns one line per problem.
 */
export function auditRequests(sim: PveSimHandle): string[] {
  const schema = getApiSchema();
  const problems: string[] = [];
  for (const r of sim.requests) {
    const path = r.path.startsWith(BASE) ? r.path.slice(BASE.length) : r.path;
    const match = schema.match(r.method, path);
    if (match.kind !== 'ok') {
      problems.push(`${r.method} ${r.path}: not in the schema (${match.kind})`);
      continue;
    }
    const checked = validateParameters(match.endpoint, match.pathParams, r.params);
    if (!checked.ok) problems.push(`${r.method} ${r.path}: ${JSON.stringify(checked.errors)}`);
  }
  return problems;
}
