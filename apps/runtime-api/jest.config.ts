export default {
  displayName: 'runtime-api',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/runtime-api',
};
