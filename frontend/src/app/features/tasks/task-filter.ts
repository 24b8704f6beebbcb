import { TaskDto } from '../../api/models';
import { taskTypeLabel } from '../../core/tasks/task-table.component';

export type TaskStatusFilter = 'all' | 'running' | 'failed' | 'ok';

/** A task failed when it stopped with anything but OK or WARNINGS. */
export function taskFailed(task: TaskDto): boolean {
  if (task.status === 'running') return false;
  if (task.ok !== undefined) return !task.ok;
  return !(task.exitstatus === 'OK' || task.exitstatus?.startsWith('WARNINGS'));
}

export function filterTasks(
  tasks: readonly TaskDto[],
  text: string,
  status: TaskStatusFilter,
): TaskDto[] {
  const needle = text.trim().toLowerCase();
  return tasks.filter((task) => {
    if (status === 'running' && task.status !== 'running') return false;
    if (status === 'failed' && !taskFailed(task)) return false;
    if (status === 'ok' && (task.status === 'running' || taskFailed(task))) return false;
    if (!needle) return true;
    return [
      task.type,
      taskTypeLabel(task.type),
      task.id,
      task.node,
      task.user,
      task.exitstatus ?? '',
    ].some((field) => field.toLowerCase().includes(needle));
  });
}
