import { formatUpid, type Upid } from './upid.js';

export interface Task {
  upid: string;
  info: Upid;
  log: string[];
  status: 'running' | 'stopped';
  exitstatus?: string;
  endtime?: number;
  /** wall-clock ms when a running worker is due to end (its timer) */
  endsAtMs?: number;
}

export interface TaskSpec {
  node: string;
  type: string;
  id: string;
  user: string;
  /** Realistic duration at speed 1. */
  durationMs: number;
  /** Log lines written before the work finishes. */
  log: string[];
  /**
   * Runs as the worker starts, before `work` (what PVE checks and locks inside the forked worker);
   * throwing ends the task at once with `TASK ERROR: <message>` and `work` never runs.
   */
  begin?: () => string[] | void;
  /** Runs when the task ends; throwing an Error ends the task with `TASK ERROR: <message>`. */
  work: () => string[] | void;
  /** pstart: the worker's start time in clock ticks since the node booted. */
  nodeBootAt: number;
}

/** A worker's failure that keeps the log lines it printed before dying (e.g. vzdump's). */
export class TaskLogError extends Error {
  constructor(
    readonly lines: string[],
    message: string,
  ) {
    super(message);
  }
}

/** Runs simulated workers; with speed 0 each task ends before its UPID is handed out. */
export class TaskManager {
  private readonly tasks: Task[] = [];
  private readonly byUpid = new Map<string, Task>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly timerOf = new Map<Task, NodeJS.Timeout>();
  private nextPid: number;

  constructor(
    private readonly speed: number,
    private readonly nowSec: () => number,
    seed: number,
  ) {
    this.nextPid = 100_000 + (seed % 800_000);
  }

  start(spec: TaskSpec): Task {
    const task = this.create(spec);
    if (spec.begin && !this.run(task, spec.begin)) {
      this.end(task);
      return task;
    }
    const delay = spec.durationMs * this.speed;
    if (delay <= 0) {
      this.finish(task, spec);
    } else {
      task.endsAtMs = Date.now() + delay;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.timerOf.delete(task);
        this.finish(task, spec);
      }, delay);
      this.timers.add(timer);
      this.timerOf.set(task, timer);
    }
    return task;
  }

  private create(spec: Omit<TaskSpec, 'durationMs' | 'work'>): Task {
    const starttime = Math.floor(this.nowSec());
    const info: Upid = {
      node: spec.node,
      pid: this.nextPid++,
      pstart: Math.max(0, Math.floor((starttime - spec.nodeBootAt) * 100)),
      starttime,
      type: spec.type,
      id: spec.id,
      user: spec.user,
    };
    const task: Task = { upid: formatUpid(info), info, log: [...spec.log], status: 'running' };
    this.tasks.push(task);
    this.byUpid.set(task.upid, task);
    return task;
  }

  /**
   * A worker that runs until `end` is called (termproxy lives as long as its connection): `end()`
   * finishes it OK, `end(message)` with `TASK ERROR: <message>`.
   */
  startOpen(spec: Omit<TaskSpec, 'durationMs' | 'work' | 'begin'>): {
    task: Task;
    end: (error?: string) => void;
  } {
    const task = this.create(spec);
    const end = (error?: string): void => {
      if (task.status !== 'running') return;
      task.log.push(error ? `TASK ERROR: ${error}` : 'TASK OK');
      task.exitstatus = error ?? 'OK';
      this.end(task);
    };
    return { task, end };
  }

  /** Running workers of one type for one guest (PVE's `active` task list filtered). */
  running(type: string, id: string): Task[] {
    return this.tasks.filter(
      (t) => t.status === 'running' && t.info.type === type && t.info.id === id,
    );
  }

  /** Kills a running worker (RPCEnvironment::check_worker with killit): it ends with `message`. */
  abort(task: Task, message: string): void {
    const timer = this.timerOf.get(task);
    if (!timer || task.status !== 'running') return;
    clearTimeout(timer);
    this.timers.delete(timer);
    this.timerOf.delete(task);
    task.log.push(`TASK ERROR: ${message}`);
    task.exitstatus = message;
    this.end(task);
  }

  /** Runs `fn` after `ms` of simulated time (at once with speed 0), e.g. an HA manager round. */
  later(ms: number, fn: () => void): void {
    const delay = ms * this.speed;
    if (delay <= 0) {
      fn();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, delay);
    this.timers.add(timer);
  }

  /** Real milliseconds for `ms` of simulated time. */
  scaled(ms: number): number {
    return ms * this.speed;
  }

  private finish(task: Task, spec: TaskSpec): void {
    if (this.run(task, spec.work)) {
      task.log.push('TASK OK');
      task.exitstatus = 'OK';
    }
    this.end(task);
  }

  /** false when the step died: the task log then ends with its error. */
  private run(task: Task, step: () => string[] | void): boolean {
    try {
      const more = step();
      if (more) task.log.push(...more);
      return true;
    } catch (err) {
      if (err instanceof TaskLogError) task.log.push(...err.lines);
      const message = (err as Error).message.replace(/\n$/, '');
      task.log.push(`TASK ERROR: ${message}`);
      task.exitstatus = message;
      return false;
    }
  }

  private end(task: Task): void {
    task.endsAtMs = undefined;
    task.status = 'stopped';
    task.endtime = Math.floor(this.nowSec());
  }

  get(upid: string): Task | undefined {
    return this.byUpid.get(upid);
  }

  /** Newest first, as /nodes/{node}/tasks lists them. */
  list(node: string): Task[] {
    return this.tasks.filter((t) => t.info.node === node).reverse();
  }

  /** Abandons pending workers (simulator shutdown). */
  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
