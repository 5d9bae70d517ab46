export default {
  displayName: 'build-context',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/build-context',
};
