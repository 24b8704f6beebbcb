import { existsSync, statSync } from 'node:fs';

/**
 * Problems with the permissions of the YAML file, which may hold the Proxmox token secret and the
 * session secret: it must not be readable by everyone (0600, or 0640 with the service's group, as
 * the installer writes it) nor writable by anyone but its owner.
 */
export function configFileModeProblems(path: string | undefined): string[] {
  if (!path || !existsSync(path)) return [];
  const st = statSync(path);
  if (!st.isFile()) return [];
  const mode = st.mode & 0o777;
  const problems: string[] = [];
  if (mode & 0o004) problems.push(`${path} is readable by every user (mode ${mode.toString(8)})`);
  if (mode & 0o022) problems.push(`${path} is writable by other users (mode ${mode.toString(8)})`);
  return problems;
}
