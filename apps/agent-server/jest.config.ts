export default {
  displayName: 'agent-server',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/agent-server',
};
