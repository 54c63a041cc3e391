export * from './catalog';
export * from './log';
