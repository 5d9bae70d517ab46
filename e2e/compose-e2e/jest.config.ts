/**
 * Compose tier: docker-compose.yml brought up from the built images against the real engine,
 * driven through the gateway like a user would (scripts/build-images runs first: target images).
 */
export default {
  displayName: 'compose-e2e',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.e2e.spec.ts'],
  testTimeout: 120_000,
};
