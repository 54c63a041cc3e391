export * from './catalog';
export * from './log';
export * from './proto';
