/** @agentrt/runtime-state/testing: fixtures for tests of code that reads or writes runtime records. */
export * from './runtime-record.fixture';
