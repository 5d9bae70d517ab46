export default {
  displayName: 'gateway-state',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/gateway-state',
};
