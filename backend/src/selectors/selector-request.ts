import { badRequest } from '../common/domain-errors.js';
import { type Selector, SelectorSyntaxError, parseSelector } from './selector.js';

/** A selector from a request: a syntax error becomes a 400 naming the `field` it came from. */
export function parseRequestSelector(text: string, field = 'selector'): Selector {
  try {
    return parseSelector(text);
  } catch (error) {
    if (error instanceof SelectorSyntaxError) throw badRequest(error.message, field);
    throw error;
  }
}
