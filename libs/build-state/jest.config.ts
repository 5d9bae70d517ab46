export default {
  displayName: 'build-state',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/build-state',
};
