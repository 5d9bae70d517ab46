export default {
  displayName: 'blob-store',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/blob-store',
};
