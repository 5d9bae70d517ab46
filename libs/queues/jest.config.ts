export default {
  displayName: 'queues',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/queues',
};
