// Public surface of @medgrade/data. Most callers need only openDataLayer (or
// dataOptionsFromEnv + openDataLayer) and the types; the lower-level pieces are exported
// for services and tests that compose them differently.
export * from './types';
export * from './api';
export * from './errors';
export * from './options';
