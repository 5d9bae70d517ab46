import { FinishTool } from './finish.tool';

describe('FinishTool', () => {
  it('ends the run with the message as the LLM text and an SDK-shaped observation', async () => {
    const tool = new FinishTool();
    expect(tool.parameters.parse({ message: 'done', extra: 1 })).toEqual({ message: 'done' });
    await expect(tool.execute({ message: 'All done.' })).resolves.toEqual({
      observation: { kind: 'FinishObservation' },
      text: 'All done.',
      isError: false,
      finished: true,
    });
  });
});
