export default {
  displayName: 'tmux',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/tmux',
};
