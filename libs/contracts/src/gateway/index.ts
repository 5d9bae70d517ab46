export * from './headers';
export * from './modes';
export * from './routing';
export * from './agent-definition';
export * from './agent-run';
export * from './debug';
export * from './health';
