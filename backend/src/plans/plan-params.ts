import { toNotesTemplate } from '../backups/backups.service.js';
import { badRequest } from '../common/domain-errors.js';
import { assertSnapshotName } from '../snapshots/snapshots.service.js';
import { PLAN_PARAMS, type PlanAction, type PlanParams } from './plan-actions.js';

/**
 * The params of a plan, checked for its action before anything is read: a param of another action
 * is refused (a typo is never silently ignored), and each action's own rules are those of its
 * single-container route (snapshot names, backup notes). Defaults are filled in.
 */
export function checkParams(action: PlanAction, params: PlanParams): PlanParams {
  const allowed = new Set<string>(PLAN_PARAMS[action]);
  const set = Object.entries(params).filter(([, v]) => v !== undefined);
  const foreign = set.map(([k]) => k).filter((k) => !allowed.has(k));
  if (foreign.length) {
    const own = PLAN_PARAMS[action];
    throw badRequest(
      `params.${foreign[0]} does not apply to ${action} plans` +
        (own.length ? ` (they take ${own.join(', ')})` : ' (they take no params)'),
      'params',
    );
  }
  const clean = Object.fromEntries(set) as PlanParams;
  switch (action) {
    case 'snapshot':
      if (!clean.name) throw badRequest('snapshot plans need params.name', 'params');
      assertSnapshotName(clean.name);
      break;
    case 'backup':
      if (clean.notes !== undefined) toNotesTemplate(clean.notes);
      clean.mode ??= 'snapshot';
      break;
    case 'tag':
      checkTags(clean);
      break;
    default:
      break;
  }
  return clean;
}

function checkTags(params: PlanParams): void {
  const add = (params.add ?? []).map((t) => t.toLowerCase());
  const remove = new Set((params.remove ?? []).map((t) => t.toLowerCase()));
  if (add.length === 0 && remove.size === 0) {
    throw badRequest('tag plans need params.add or params.remove (a list of tags)', 'params');
  }
  const both = add.find((t) => remove.has(t));
  if (both !== undefined) {
    throw badRequest(`'${both}' is both added and removed; name it in one list`, 'params');
  }
}
