export default {
  displayName: 'build-service',
  preset: '../../jest.preset.js',
  // @agentrt/image-builder brings @kubernetes/client-node (ESM only, with ESM dependencies).
  transformIgnorePatterns: [
    '/node_modules/(?!(@kubernetes/client-node|jsonpath-plus|openid-client|oauth4webapi|jose)/)',
  ],
  coverageDirectory: '../../coverage/apps/build-service',
};
