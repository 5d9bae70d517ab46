export default {
  displayName: 'runtime-proxy',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/runtime-proxy',
};
