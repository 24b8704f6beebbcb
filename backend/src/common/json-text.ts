import { Header } from '@nestjs/common';

/**
 * A DTO already serialized to JSON. A route marked @SendsJsonText() returns it and Express sends
 * the text as it is, through the normal pipeline (guard, interceptors, filter): a read whose answer
 * is the same for many requests serializes it once instead of once per request.
 */
export type JsonText<T> = string & { readonly dto?: T };

export function toJsonText<T>(value: T): JsonText<T> {
  return JSON.stringify(value);
}

/** The Content-Type Express's res.json() sets, for routes that return JsonText. */
export const SendsJsonText = (): MethodDecorator =>
  Header('Content-Type', 'application/json; charset=utf-8');

/**
 * The JSON of the last answer built from a source object (a cluster snapshot), per variant of that
 * source (stale or not, its time): built again only when either changes.
 */
export class JsonTextMemo<S extends object, T> {
  private readonly memo = new WeakMap<S, { variant: string; text: JsonText<T> }>();

  get(source: S, variant: string, build: () => T): JsonText<T> {
    const found = this.memo.get(source);
    if (found?.variant === variant) return found.text;
    const text = toJsonText(build());
    this.memo.set(source, { variant, text });
    return text;
  }
}
