export default {
  displayName: 'gateway',
  preset: '../../jest.preset.js',
  // jose (OIDC tokens, apps/gateway/src/app/edge) is ESM only.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  coverageDirectory: '../../coverage/apps/gateway',
};
