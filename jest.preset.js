const nxPreset = require('@nx/jest/preset').default;

/** Shared by every project: SWC keeps decorator metadata (NestJS DI needs it) and is fast. */
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  // Integration tests drive real processes, tmux and Redis on a shared 2-core machine; 5 s
  // (Jest's default) fails them under load without catching anything a 30 s limit would not.
  testTimeout: 30_000,
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  coverageReporters: ['text-summary', 'html'],
};
