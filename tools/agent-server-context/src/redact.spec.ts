import { redactingSink } from './redact';

describe('redactingSink', () => {
  it('never lets the API key through, whoever prints it', () => {
    let text = '';
    redactingSink({ write: (chunk: string) => (text += chunk) }, 'sekrit').write(
      'detail: bad key sekrit, sekrit again\n',
    );
    expect(text).toBe('detail: bad key ***, *** again\n');
  });
});
