export type {
  ApiEndpoint,
  ApiSchema,
  HttpMethod,
  MatchResult,
  ParamSchema,
  PropertySchema,
  PropertyStringResult,
  ValidationResult,
} from './types.js';
export { getApiSchema } from './api-schema.js';
export { validateParameters, INDEXED_PARAM_COUNTS } from './validate-parameters.js';
export { parsePropertyString, parseBoolean, splitList } from './property-string.js';
export { FORMAT_CHECKS, FORMATS_ACCEPTED_WITHOUT_CHECK, parseDiskSize } from './formats.js';
