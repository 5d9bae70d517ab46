export default {
  displayName: 'image-builder',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/image-builder',
};
