import type { Handler } from '../server/context.js';
import { createTicket, permissions } from './access.js';
import {
  clusterResources,
  clusterStatus,
  getVersion,
  listNodes,
  nextId,
  nodeStatus,
} from './cluster.js';
import { deleteVolume, vzdump } from './backup.js';
import { listBackupJobs } from './backup-jobs.js';
import { getClusterOptions, setClusterOptions } from './datacenter.js';
import { lxcInterfaces } from './lxc-interfaces.js';
import { termproxy, vncWebsocket } from './lxc-terminal.js';
import { updateLxcConfig } from './lxc-config.js';
import { resizeLxc } from './lxc-resize.js';
import { createSnapshot, deleteSnapshot, listSnapshots, rollbackSnapshot } from './lxc-snapshot.js';
import { createLxc } from './lxc-create.js';
import { deleteLxc } from './lxc-power.js';
import { rebootLxc, shutdownLxc, startLxc, stopLxc } from './lxc-status.js';
import {
  listLxc,
  lxcConfig,
  lxcPending,
  lxcRrdData,
  lxcStatusCurrent,
  nodeRrdData,
} from './lxc-read.js';
import { downloadTemplate, listAplinfo, listStorage, storageContent } from './storage.js';
import { listTasks, taskLog, taskStatus } from './tasks.js';

/** Implemented endpoints, keyed `METHOD <schema path>`; every other schema path answers 501. */
export const ROUTES: Readonly<Record<string, Handler>> = {
  'GET /version': getVersion,
  'GET /nodes': listNodes,
  'GET /nodes/{node}/status': nodeStatus,
  'GET /nodes/{node}/rrddata': nodeRrdData,
  'GET /cluster/resources': clusterResources,
  'GET /cluster/status': clusterStatus,
  'GET /cluster/nextid': nextId,
  'GET /cluster/options': getClusterOptions,
  'PUT /cluster/options': setClusterOptions,
  'GET /nodes/{node}/lxc': listLxc,
  'POST /nodes/{node}/lxc': createLxc,
  'DELETE /nodes/{node}/lxc/{vmid}': deleteLxc,
  'GET /nodes/{node}/lxc/{vmid}/status/current': lxcStatusCurrent,
  'POST /nodes/{node}/lxc/{vmid}/status/start': startLxc,
  'POST /nodes/{node}/lxc/{vmid}/status/stop': stopLxc,
  'POST /nodes/{node}/lxc/{vmid}/status/shutdown': shutdownLxc,
  'POST /nodes/{node}/lxc/{vmid}/status/reboot': rebootLxc,
  'GET /nodes/{node}/lxc/{vmid}/config': lxcConfig,
  'PUT /nodes/{node}/lxc/{vmid}/config': updateLxcConfig,
  'GET /nodes/{node}/lxc/{vmid}/pending': lxcPending,
  'PUT /nodes/{node}/lxc/{vmid}/resize': resizeLxc,
  'GET /nodes/{node}/lxc/{vmid}/snapshot': listSnapshots,
  'POST /nodes/{node}/lxc/{vmid}/snapshot': createSnapshot,
  'DELETE /nodes/{node}/lxc/{vmid}/snapshot/{snapname}': deleteSnapshot,
  'POST /nodes/{node}/lxc/{vmid}/snapshot/{snapname}/rollback': rollbackSnapshot,
  'GET /nodes/{node}/lxc/{vmid}/rrddata': lxcRrdData,
  'GET /nodes/{node}/tasks': listTasks,
  'GET /nodes/{node}/tasks/{upid}/status': taskStatus,
  'GET /nodes/{node}/tasks/{upid}/log': taskLog,
  'GET /nodes/{node}/storage': listStorage,
  'GET /nodes/{node}/storage/{storage}/content': storageContent,
  'DELETE /nodes/{node}/storage/{storage}/content/{volume}': deleteVolume,
  'POST /nodes/{node}/vzdump': vzdump,
  'GET /cluster/backup': listBackupJobs,
  'GET /nodes/{node}/lxc/{vmid}/interfaces': lxcInterfaces,
  'POST /nodes/{node}/lxc/{vmid}/termproxy': termproxy,
  'GET /nodes/{node}/lxc/{vmid}/vncwebsocket': vncWebsocket,
  'GET /nodes/{node}/aplinfo': listAplinfo,
  'POST /nodes/{node}/aplinfo': downloadTemplate,
  'POST /access/ticket': createTicket,
  'GET /access/permissions': permissions,
};
