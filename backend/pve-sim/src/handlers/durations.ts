/** How long each worker takes at speed 1 (ms), close to a small CT on SSD storage. */
export const DURATION_MS = {
  vzcreate: 9000,
  vzstart: 1800,
  /** `ha-manager set` / `crm-command stop`: only writes the request */
  hastart: 300,
  hastop: 300,
  vzstop: 1200,
  vzshutdown: 3500,
  vzreboot: 4500,
  vzdestroy: 2500,
  download: 6000,
  vzdump: 8000,
  vzrestore: 9000,
  imgdel: 800,
  resize: 1500,
  vzsnapshot: 2000,
  vzrollback: 2500,
  vzdelsnapshot: 1500,
};
