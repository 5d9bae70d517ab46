import { commandOf } from './browser-command';

describe('commandOf (the browser tool arguments the agent may give)', () => {
  it('adds https to a bare address and refuses schemes other than http and https', () => {
    expect(commandOf({ action: 'navigate', url: ' example.com/docs ' })).toEqual({
      action: 'navigate',
      url: 'https://example.com/docs',
    });
    expect(commandOf({ action: 'navigate', url: 'http://127.0.0.1:8/' })).toEqual({
      action: 'navigate',
      url: 'http://127.0.0.1:8/',
    });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'chrome://settings'])
      expect(commandOf({ action: 'navigate', url })).toEqual({
        error: expect.stringContaining('Only http and https'),
      });
    expect(commandOf({ action: 'navigate' })).toEqual({ error: expect.stringContaining('`url`') });
  });

  it('takes element refs as the outline prints them, or their number alone', () => {
    for (const element of ['e5', '[ref=e5]', 'ref=e5', '5'])
      expect(commandOf({ action: 'click', element })).toEqual({ action: 'click', element: 'e5' });
    expect(commandOf({ action: 'click', element: 'f1e3' })).toEqual({
      action: 'click',
      element: 'f1e3',
    });
    expect(commandOf({ action: 'click', element: 'Send button' })).toEqual({
      error: expect.stringContaining('e.g. `e5`'),
    });
  });

  it('types text (empty text clears a field) and submits only when asked', () => {
    expect(commandOf({ action: 'type', element: 'e2', text: '' })).toEqual({
      action: 'type',
      element: 'e2',
      text: '',
      submit: false,
    });
    expect(commandOf({ action: 'type', element: 'e2', text: 'x', submit: true })).toMatchObject({
      submit: true,
    });
    expect(commandOf({ action: 'type', element: 'e2' })).toEqual({
      error: expect.stringContaining('`text`'),
    });
  });
});
