import { AlexaRequestEnvelopeSchema, AlexaResponseEnvelopeSchema } from '@agentrt/contracts';
import { alexaTurnOf, isFresh, silence, skillIdOf, speech, utteranceOf } from './alexa-mapping';

const envelope = (request: Record<string, unknown>) =>
  AlexaRequestEnvelopeSchema.parse({
    version: '1.0',
    session: { sessionId: 's-1', application: { applicationId: 'amzn1.ask.skill.session' } },
    context: { System: { application: { applicationId: 'amzn1.ask.skill.context' } } },
    request: { requestId: 'r-1', timestamp: '2024-05-01T10:00:00Z', locale: 'en-US', ...request },
  });

describe('Alexa request mapping', () => {
  it('reads launch, utterance, help, stop and session end from the request', () => {
    expect(alexaTurnOf(envelope({ type: 'LaunchRequest' }))).toEqual({ kind: 'launch' });
    expect(
      alexaTurnOf(
        envelope({
          type: 'IntentRequest',
          intent: { name: 'Ask', slots: { q: { name: 'query', value: ' Will it rain? ' } } },
        }),
      ),
    ).toEqual({ kind: 'ask', utterance: 'Will it rain?' });
    expect(
      alexaTurnOf(envelope({ type: 'IntentRequest', intent: { name: 'AMAZON.HelpIntent' } })),
    ).toEqual({ kind: 'help' });
    for (const name of ['AMAZON.StopIntent', 'AMAZON.CancelIntent']) {
      expect(alexaTurnOf(envelope({ type: 'IntentRequest', intent: { name } }))).toEqual({
        kind: 'stop',
      });
    }
    expect(
      alexaTurnOf(envelope({ type: 'IntentRequest', intent: { name: 'Ask', slots: {} } })),
    ).toEqual({ kind: 'no-utterance' });
    expect(alexaTurnOf(envelope({ type: 'SessionEndedRequest', reason: 'ERROR' }))).toEqual({
      kind: 'ended',
    });
  });

  it('prefers a slot named like an utterance, else the first slot with a value', () => {
    const slots = {
      city: { name: 'city', value: 'Oslo' },
      utterance: { name: 'utterance', value: 'weather in Oslo' },
      empty: { name: 'text', value: ' ' },
    };
    expect(utteranceOf({ name: 'Ask', slots })).toBe('weather in Oslo');
    expect(utteranceOf({ name: 'Ask', slots: { city: slots.city } })).toBe('Oslo');
    expect(utteranceOf({ name: 'Ask', slots: { empty: slots.empty } })).toBeUndefined();
  });

  it('refuses garbage: unknown request types, missing fields, bad timestamps', () => {
    const base = { version: '1.0', request: { requestId: 'r', timestamp: '2024-05-01T10:00:00Z' } };
    expect(AlexaRequestEnvelopeSchema.safeParse({ hello: 'world' }).success).toBe(false);
    expect(
      AlexaRequestEnvelopeSchema.safeParse({
        ...base,
        request: { ...base.request, type: 'Smalltalk' },
      }).success,
    ).toBe(false);
    expect(
      AlexaRequestEnvelopeSchema.safeParse({
        ...base,
        request: { ...base.request, type: 'IntentRequest' },
      }).success,
    ).toBe(false);
    expect(
      AlexaRequestEnvelopeSchema.safeParse({
        ...base,
        request: { type: 'LaunchRequest', requestId: 'r', timestamp: 'yesterday' },
      }).success,
    ).toBe(false);
  });

  it('takes the skill id from the context first, and checks the 150 s freshness window', () => {
    expect(skillIdOf(envelope({ type: 'LaunchRequest' }))).toBe('amzn1.ask.skill.context');
    const now = Date.parse('2024-05-01T10:00:00Z');
    expect(isFresh('2024-05-01T10:02:30Z', now)).toBe(true);
    expect(isFresh('2024-05-01T09:57:29Z', now)).toBe(false);
  });
});

describe('Alexa responses', () => {
  it('speaks plain text with a reprompt while the session stays open', () => {
    const open = speech(' Take an umbrella. ', false, 'Anything else?');
    expect(AlexaResponseEnvelopeSchema.parse(open)).toEqual(open);
    expect(open).toEqual({
      version: '1.0',
      response: {
        outputSpeech: { type: 'PlainText', text: 'Take an umbrella.' },
        reprompt: { outputSpeech: { type: 'PlainText', text: 'Anything else?' } },
        shouldEndSession: false,
      },
    });
    expect(speech('Goodbye.', true, 'ignored').response).toEqual({
      outputSpeech: { type: 'PlainText', text: 'Goodbye.' },
      shouldEndSession: true,
    });
  });

  it('keeps speech within Alexa limits and says nothing to a session end', () => {
    expect(speech('x'.repeat(9000), true).response.outputSpeech?.text).toHaveLength(8000);
    expect(silence()).toEqual({ version: '1.0', response: {} });
  });
});
