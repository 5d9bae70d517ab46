export default {
  displayName: 'image-builder',
  preset: '../../jest.preset.js',
  // @kubernetes/client-node (and its ESM dependencies) ship only ESM; let SWC turn them into CJS.
  transformIgnorePatterns: [
    '/node_modules/(?!(@kubernetes/client-node|jsonpath-plus|openid-client|oauth4webapi|jose)/)',
  ],
  coverageDirectory: '../../coverage/libs/image-builder',
};
