export default {
  displayName: 'runtime-state',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/runtime-state',
};
