import { readFileSync } from 'node:fs';
import type { ApiEndpoint, ApiSchema, HttpMethod, MatchResult, ParamSchema } from './types.js';

/** A node of apidoc.json's tree (pve-docs api-viewer data). */
interface ApidocNode {
  path: string;
  text: string;
  info?: Record<string, RawMethodInfo>;
  children?: ApidocNode[];
}

interface RawMethodInfo {
  name: string;
  method: string;
  allowtoken?: number;
  protected?: number;
  proxyto?: string;
  permissions?: unknown;
  parameters?: ParamSchema;
  returns?: unknown;
}

/** Trie node: one URI segment level, exact names first, then at most one `{param}` child. */
interface TrieNode {
  path: string;
  exact: Map<string, TrieNode>;
  param?: { name: string; node: TrieNode };
  methods: Map<string, ApiEndpoint>;
}

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

function toEndpoint(path: string, info: RawMethodInfo): ApiEndpoint {
  const endpoint: ApiEndpoint = {
    path,
    method: info.method as HttpMethod,
    name: info.name,
    // PVE's method schema defaults allowtoken to 1 when the key is absent
    allowtoken: info.allowtoken === undefined ? true : info.allowtoken === 1,
    protected: info.protected === 1,
    parameters: info.parameters ?? { additionalProperties: 0 },
    returns: info.returns ?? {},
  };
  if (info.proxyto !== undefined) endpoint.proxyto = info.proxyto;
  if (info.permissions !== undefined) endpoint.permissions = info.permissions;
  return endpoint;
}

function newNode(path: string): TrieNode {
  return { path, exact: new Map(), methods: new Map() };
}

function insert(root: TrieNode, node: ApidocNode, all: ApiEndpoint[]): void {
  let current = root;
  for (const segment of node.path.split('/').filter((s) => s.length > 0)) {
    const param = /^\{(.+)\}$/.exec(segment);
    if (param) {
      if (current.param && current.param.name !== param[1]) {
        throw new Error(`apidoc.json: two templates at one level under '${current.path}'`);
      }
      current.param ??= { name: param[1], node: newNode(`${current.path}/${segment}`) };
      current = current.param.node;
    } else {
      let next = current.exact.get(segment);
      if (!next) current.exact.set(segment, (next = newNode(`${current.path}/${segment}`)));
      current = next;
    }
  }
  for (const method of METHODS) {
    const info = node.info?.[method];
    if (!info) continue;
    const endpoint = toEndpoint(node.path, info);
    current.methods.set(method, endpoint);
    all.push(endpoint);
  }
  for (const child of node.children ?? []) insert(root, child, all);
}

/** Subclass mount points with `fragmentDelimiter => ''` (pve-storage API2/Storage/Status.pm). */
const WHOLE_FRAGMENT = new Set(['/nodes/{node}/storage/{storage}/content']);

/** PVE unescapes the whole path before splitting it, so %2F acts as a separator there too. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

class TrieApiSchema implements ApiSchema {
  private readonly root = newNode('');
  private readonly all: ApiEndpoint[] = [];

  constructor(tree: ApidocNode[]) {
    for (const node of tree) insert(this.root, node, this.all);
  }

  /** Greedy like PVE's find_handler: an exact name wins and there is no backtracking. */
  match(method: string, path: string): MatchResult {
    let current = this.root;
    const pathParams: Record<string, string> = {};
    const segments = decodePath(path)
      .split('/')
      .filter((s) => s.length > 0);
    for (let i = 0; i < segments.length; i++) {
      let segment = segments[i];
      // a subclass registered with fragmentDelimiter '' takes the rest of the path as one
      // component (pve-common RESTHandler.pm map_path_to_methods): volume ids contain '/'
      if (WHOLE_FRAGMENT.has(current.path)) {
        segment = segments.slice(i).join('/');
        i = segments.length;
      }
      const exact = current.exact.get(segment);
      if (exact) {
        current = exact;
      } else if (current.param) {
        pathParams[current.param.name] = segment;
        current = current.param.node;
      } else {
        return { kind: 'no-such-path' };
      }
    }
    if (current.methods.size === 0) return { kind: 'no-such-path' };
    const endpoint = current.methods.get(method.toUpperCase());
    if (!endpoint) return { kind: 'method-not-allowed', path: current.path || '/' };
    return { kind: 'ok', endpoint, pathParams };
  }

  endpoints(): ApiEndpoint[] {
    return [...this.all];
  }
}

let cached: ApiSchema | undefined;

/** Loads data/apidoc.json once; the resolved URL works from source and from dist. */
export function getApiSchema(): ApiSchema {
  if (!cached) {
    const url = new URL('../../data/apidoc.json', import.meta.url);
    cached = new TrieApiSchema(JSON.parse(readFileSync(url, 'utf8')) as ApidocNode[]);
  }
  return cached;
}
