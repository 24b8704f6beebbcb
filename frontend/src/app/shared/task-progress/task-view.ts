/** What the progress panel needs to know about a Proxmox task, independent of the API model. */
export interface TaskView {
  readonly upid: string;
  /** Proxmox: "running" while active, "stopped" once ended. */
  readonly status: string;
  /** Proxmox: "OK", "WARNINGS: n", or the error text; absent while running. */
  readonly exitstatus?: string | null;
  readonly type?: string;
  readonly log?: readonly string[];
  readonly startedAt?: number | null;
  readonly endedAt?: number | null;
  /** Set when the task failed because the container was locked (backup, snapshot, config ...). */
  readonly lockedBy?: string | null;
  /**
   * An HA-managed CT's hastart/hastop task: it ends OK as soon as the HA manager has the request;
   * the action is done when the CT reached the state (progress done).
   */
  readonly ha?: {
    readonly progress: 'requested' | 'done' | 'failed';
    readonly message: string;
  } | null;
}

/** `locked`: failed because the container was locked; another task holds it, try again later. */
export type TaskOutcome = 'running' | 'ok' | 'warnings' | 'failed' | 'locked';

export function taskOutcome(task: TaskView): TaskOutcome {
  if (task.status === 'running' || !task.exitstatus) {
    return task.status === 'stopped' && !task.exitstatus ? 'failed' : 'running';
  }
  const succeeded = task.exitstatus === 'OK' || task.exitstatus.startsWith('WARNINGS');
  if (succeeded && task.ha?.progress === 'requested') return 'running';
  if (succeeded && task.ha?.progress === 'failed') return 'failed';
  if (task.exitstatus === 'OK') return 'ok';
  if (task.exitstatus.startsWith('WARNINGS')) return 'warnings';
  return task.lockedBy ? 'locked' : 'failed';
}

/** Whether the task did not do what it was asked (failed, or refused by a lock). */
export function taskFailed(task: TaskView): boolean {
  const outcome = taskOutcome(task);
  return outcome === 'failed' || outcome === 'locked';
}

export function isTaskDone(task: TaskView): boolean {
  return taskOutcome(task) !== 'running';
}

/** Headline for the panel; a failure shows Proxmox's own error text. */
export function taskHeadline(task: TaskView): string {
  switch (taskOutcome(task)) {
    case 'running':
      return task.ha ? `${task.ha.message}…` : 'Running…';
    case 'ok':
      return task.ha ? task.ha.message : 'Finished successfully';
    case 'warnings':
      return `Finished with ${task.exitstatus?.toLowerCase()}`;
    case 'failed':
      if (task.ha?.progress === 'failed') return task.ha.message;
      return task.exitstatus ? `Failed: ${task.exitstatus}` : 'Failed without an exit status';
    case 'locked':
      return `Locked (${task.lockedBy}): ${task.exitstatus}. Try again when that task ends`;
  }
}

/** Elapsed seconds, counting to `nowMs` while the task still runs. */
export function taskElapsedSeconds(task: TaskView, nowMs: number): number | null {
  if (!task.startedAt) return null;
  const end = task.endedAt ?? (isTaskDone(task) ? null : nowMs);
  if (end === null) return null;
  return Math.max(0, Math.round((end - task.startedAt) / 1000));
}
