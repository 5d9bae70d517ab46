export default {
  displayName: 'build-service',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/build-service',
};
