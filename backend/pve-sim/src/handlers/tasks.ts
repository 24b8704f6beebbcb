import type { Task } from '../cluster/tasks.js';
import {
  PveError,
  Reply,
  paramBool,
  paramString,
  permissionError,
  type Handler,
  type RequestContext,
} from '../server/context.js';
import { hasPrivilege } from '../server/principal.js';
import { nodeNamed } from './views.js';

/** Owners always see their task; a user also sees its tokens' tasks; others need Sys.Audit. */
function maySee(ctx: RequestContext, task: Task): boolean {
  const p = ctx.principal;
  const owner = task.info.user;
  const own = p.tokenid
    ? owner === p.tokenid
    : owner === p.userid || owner.startsWith(`${p.userid}!`);
  return own || hasPrivilege(p, `/nodes/${task.info.node}`, 'Sys.Audit');
}

function findTask(ctx: RequestContext): Task {
  const node = nodeNamed(ctx);
  const upid = String(ctx.values.upid);
  const task = ctx.sim.tasks.get(upid);
  // pve-manager API2/Tasks.pm: raise_param_exc({ upid => "no such task" }) when no log file exists
  if (!task || task.info.node !== node.name) {
    throw new PveError(400, 'Parameter verification failed.', { upid: 'no such task' });
  }
  if (!maySee(ctx, task)) throw permissionError(`/nodes/${node.name}`, ['Sys.Audit']);
  return task;
}

function identity(task: Task): Record<string, unknown> {
  const { node, pid, pstart, starttime, type, id, user } = task.info;
  const [owner, tokenid] = user.split('!');
  const out: Record<string, unknown> = {
    upid: task.upid,
    node,
    pid,
    pstart,
    starttime,
    type,
    id,
    user: owner,
  };
  if (tokenid) out.tokenid = tokenid;
  return out;
}

export const taskStatus: Handler = (ctx) => {
  const task = findTask(ctx);
  const out = { ...identity(task), status: task.status };
  return task.status === 'stopped' ? { ...out, exitstatus: task.exitstatus } : out;
};

export const taskLog: Handler = (ctx) => {
  const task = findTask(ctx);
  const start = Number(ctx.values.start ?? 0);
  const limit = Number(ctx.values.limit ?? 50);
  // PVE::Tools::dump_logfile: an empty log file answers one placeholder line, whatever `start`
  // ("HACK: ExtJS store.guaranteeRange() does not like empty array")
  if (task.log.length === 0) return new Reply([{ n: 1, t: 'no content' }], { total: 1 });
  const page = task.log.slice(start, start + limit).map((t, i) => ({ n: start + i + 1, t }));
  return new Reply(page, { total: task.log.length });
};

function statusText(task: Task): string {
  if (task.status === 'running') return 'RUNNING';
  return task.exitstatus ?? 'unexpected status';
}

function statusClass(task: Task): string {
  const s = statusText(task);
  if (s === 'OK') return 'ok';
  if (s.startsWith('WARNINGS')) return 'warning';
  return s === 'RUNNING' ? 'running' : 'error';
}

function matches(ctx: RequestContext, task: Task): boolean {
  const v = ctx.values;
  const source = paramString(ctx, 'source') ?? 'archive';
  if (source === 'archive' && task.status === 'running') return false;
  if (source === 'active' && task.status !== 'running') return false;
  const vmid = paramString(ctx, 'vmid');
  const typefilter = paramString(ctx, 'typefilter');
  const userfilter = paramString(ctx, 'userfilter');
  if (vmid !== undefined && task.info.id !== vmid) return false;
  if (typefilter !== undefined && task.info.type !== typefilter) return false;
  if (userfilter !== undefined && !task.info.user.includes(userfilter)) return false;
  if (paramBool(ctx, 'errors') && statusClass(task) !== 'error') return false;
  if (v.since !== undefined && task.info.starttime < Number(v.since)) return false;
  if (v.until !== undefined && task.info.starttime > Number(v.until)) return false;
  const statuses = paramString(ctx, 'statusfilter')
    ?.split(/[,;\s]+/)
    .filter(Boolean);
  return !statuses || statuses.includes(statusClass(task));
}

export const listTasks: Handler = (ctx) => {
  const node = nodeNamed(ctx);
  const all = ctx.sim.tasks.list(node.name).filter((t) => maySee(ctx, t) && matches(ctx, t));
  const start = Number(ctx.values.start ?? 0);
  const limit = Number(ctx.values.limit ?? 50);
  const page = all.slice(start, start + limit).map((t) => {
    const entry: Record<string, unknown> = { ...identity(t), status: statusText(t) };
    delete entry.tokenid;
    entry.user = t.info.user;
    if (t.endtime !== undefined) entry.endtime = t.endtime;
    return entry;
  });
  return new Reply(page, { total: all.length });
};
