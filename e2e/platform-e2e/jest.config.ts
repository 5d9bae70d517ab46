/** End-to-end tier: the built apps as separate processes, over real HTTP, against real Redis. */
export default {
  displayName: 'platform-e2e',
  preset: '../../jest.preset.js',
  // jose (signing test tokens in gateway/edge.e2e.spec.ts) is ESM only.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  testMatch: ['<rootDir>/src/**/*.e2e.spec.ts'],
  testTimeout: 60_000,
};
