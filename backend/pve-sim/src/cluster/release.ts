import type { ApiEndpoint, PropertySchema } from '../schema/types.js';

/**
 * The PVE release pve-sim plays. Its API schema is data/apidoc.json (PVE 9.1); an older release
 * differs only where it is written down here, each difference with its source:
 *
 * - RRD layout: PVE 8 keeps `pve2-*` RRD files (pve-cluster status.c, `RRA:AVERAGE:0.5:1:70`,
 *   `:30:70`, `:180:70`, `:720:70`, `:10080:70`) and rrddata serves them with
 *   PVE::RRD::create_rrd_data's `hour => [60, 70], day => [60*30, 70], week => [60*180, 70],
 *   month => [60*720, 70], year => [60*10080, 70]` (pve-cluster 8.1.0, the PVE 8.4 package).
 *   PVE 9 writes `pve-*-9.0` files with 1,440-point archives and adds `decade`.
 * - `timeframe=decade` exists only since PVE 9.0 (PVE/API2/Nodes.pm rrddata enum); older releases
 *   reject it in parameter validation (400).
 * - `overrule-shutdown` on `POST .../lxc/{vmid}/status/stop` came with pve-container 5.0.10
 *   ("fix #4474: lxc api: add overrule-shutdown parameter to stop endpoint", 2024-04-19), the
 *   package of PVE 8.2; PVE 8.0 and 8.1 reject it as "property is not defined in schema".
 */
export interface PveRelease {
  /** what /version answers */
  version: string;
  release: string;
  repoid: string;
  kernel: string;
  /** which RRD files rrddata reads: PVE 8's `pve2-*` or PVE 9's `pve-*-9.0` */
  rrd: 'pve2' | 'pve9';
}

const RELEASES: Readonly<Record<string, PveRelease>> = {
  '8.0': release('8.0.4', 'd258a813cfa6b390', '6.2.16-3-pve', 'pve2'),
  '8.1': release('8.1.4', 'ec5affc9e41f1d79', '6.5.11-8-pve', 'pve2'),
  '8.2': release('8.2.4', 'faa83925c9641325', '6.8.8-2-pve', 'pve2'),
  '8.3': release('8.3.5', 'dac3aa88bac3f300', '6.8.12-8-pve', 'pve2'),
  '8.4': release('8.4.1', '2a5fa54a8503f96d', '6.8.12-9-pve', 'pve2'),
  '9.0': release('9.0.10', 'deb1ca707ec72a89', '6.14.11-2-pve', 'pve9'),
  '9.1': release('9.1.2', '9d436f37a0ac4172', '6.14.11-4-pve', 'pve9'),
};

export const DEFAULT_RELEASE = '9.1';

function release(
  version: string,
  repoid: string,
  kernel: string,
  rrd: PveRelease['rrd'],
): PveRelease {
  return { version, release: version.split('.').slice(0, 2).join('.'), repoid, kernel, rrd };
}

/** '8.4', '8.4.1' or '9' (the newest minor of that major) as one of the known releases. */
export function pveRelease(wanted: string = DEFAULT_RELEASE): PveRelease {
  const key = /^\d+$/.test(wanted)
    ? Object.keys(RELEASES)
        .filter((k) => k.startsWith(`${wanted}.`))
        .at(-1)
    : wanted.split('.').slice(0, 2).join('.');
  const found = key === undefined ? undefined : RELEASES[key];
  if (!found) {
    throw new Error(`unknown PVE version '${wanted}' (known: ${Object.keys(RELEASES).join(', ')})`);
  }
  return found;
}

/** Is `r` at least major.minor? */
export function atLeast(r: PveRelease, major: number, minor: number): boolean {
  const [ma, mi] = r.release.split('.').map(Number);
  return ma > major || (ma === major && mi >= minor);
}

const RRDDATA_PATHS = new Set([
  '/nodes/{node}/rrddata',
  '/nodes/{node}/lxc/{vmid}/rrddata',
  '/nodes/{node}/qemu/{vmid}/rrddata',
  '/nodes/{node}/storage/{storage}/rrddata',
]);
const STOP_PATH = '/nodes/{node}/lxc/{vmid}/status/stop';

const cache = new WeakMap<PveRelease, WeakMap<ApiEndpoint, ApiEndpoint>>();

/** The endpoint as `r` declares it (same object when the release does not differ there). */
export function endpointFor(r: PveRelease, endpoint: ApiEndpoint): ApiEndpoint {
  let perRelease = cache.get(r);
  if (!perRelease) cache.set(r, (perRelease = new WeakMap()));
  let out = perRelease.get(endpoint);
  if (!out) perRelease.set(endpoint, (out = adapt(r, endpoint)));
  return out;
}

function adapt(r: PveRelease, endpoint: ApiEndpoint): ApiEndpoint {
  const props = endpoint.parameters.properties;
  if (!props) return endpoint;
  let changed: Record<string, PropertySchema> | undefined;
  const edit = (): Record<string, PropertySchema> => (changed ??= { ...props });
  if (!atLeast(r, 9, 0) && RRDDATA_PATHS.has(endpoint.path) && props.timeframe?.enum) {
    edit().timeframe = {
      ...props.timeframe,
      enum: props.timeframe.enum.filter((v) => v !== 'decade'),
    };
  }
  if (!atLeast(r, 8, 2) && endpoint.path === STOP_PATH && props['overrule-shutdown']) {
    delete edit()['overrule-shutdown'];
  }
  if (!changed) return endpoint;
  return { ...endpoint, parameters: { ...endpoint.parameters, properties: changed } };
}
