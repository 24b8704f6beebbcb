import { ActivatedRouteSnapshot } from '@angular/router';

export interface Breadcrumb {
  readonly label: string;
  readonly url: string;
}

/** A route's `data.breadcrumb` is either a fixed label or built from the route's parameters. */
export type BreadcrumbData = string | ((route: ActivatedRouteSnapshot) => string);

/**
 * Walks the primary route chain from the root and collects one crumb per route that declares
 * `data.breadcrumb`. Child routes inherit parent data, so a crumb is only added where the route
 * itself contributes a URL segment or declares its own label.
 */
export function buildBreadcrumbs(root: ActivatedRouteSnapshot): Breadcrumb[] {
  const crumbs: Breadcrumb[] = [];
  const segments: string[] = [];
  let route: ActivatedRouteSnapshot | null = root;
  while (route) {
    segments.push(...route.url.map((s) => s.path));
    const own = ownBreadcrumb(route);
    if (own !== undefined) {
      const label = typeof own === 'function' ? own(route) : own;
      const url = '/' + segments.join('/');
      const last = crumbs.at(-1);
      if (last?.url === url) crumbs[crumbs.length - 1] = { label, url };
      else crumbs.push({ label, url });
    }
    route = route.firstChild;
  }
  return crumbs;
}

function ownBreadcrumb(route: ActivatedRouteSnapshot): BreadcrumbData | undefined {
  const declared = route.routeConfig?.data?.['breadcrumb'] as BreadcrumbData | undefined;
  return declared;
}
