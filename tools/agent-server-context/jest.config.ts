export default {
  displayName: 'agent-server-context',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/agent-server-context',
};
