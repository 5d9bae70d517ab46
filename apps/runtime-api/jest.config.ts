export default {
  displayName: 'runtime-api',
  preset: '../../jest.preset.js',
  // The metrics integration spec boots the whole app, which reaches @kubernetes/client-node
  // (ESM only, with ESM dependencies): let SWC turn them into CJS.
  transformIgnorePatterns: [
    '/node_modules/(?!(@kubernetes/client-node|jsonpath-plus|openid-client|oauth4webapi|jose)/)',
  ],
  coverageDirectory: '../../coverage/apps/runtime-api',
};
