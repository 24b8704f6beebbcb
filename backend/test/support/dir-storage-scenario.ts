import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The default scenario with `local` (a plain directory storage) also allowed to hold container
 * disks, as many installs configure it: a CT there cannot be snapshotted. Returns the file path.
 */
export function dirRootdirScenario(dir: string): string {
  const file = new URL('../../pve-sim/data/scenarios/default.json', import.meta.url);
  const scenario = JSON.parse(readFileSync(file, 'utf8')) as {
    storages: { storage: string; content: string }[];
  };
  const local = scenario.storages.find((s) => s.storage === 'local');
  if (local) local.content = `${local.content},rootdir`;
  const path = join(dir, 'dir-rootdir-scenario.json');
  writeFileSync(path, JSON.stringify(scenario));
  return path;
}
