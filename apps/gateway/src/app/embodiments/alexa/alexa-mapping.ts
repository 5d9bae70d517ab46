import type { AlexaIntent, AlexaRequestEnvelope, AlexaResponseEnvelope } from '@agentrt/contracts';

/** What an Alexa request asks of the skill. */
export type AlexaTurn =
  | { kind: 'launch' }
  | { kind: 'ask'; utterance: string }
  | { kind: 'no-utterance' }
  | { kind: 'help' }
  | { kind: 'stop' }
  | { kind: 'ended' };

/** Slots that carry the user's words, most specific first; any slot with a value comes after. */
const UTTERANCE_SLOTS = ['utterance', 'query', 'question', 'text', 'input'];
const STOP_INTENTS = new Set(['AMAZON.StopIntent', 'AMAZON.CancelIntent', 'AMAZON.NoIntent']);
/** Alexa refuses speech longer than this many characters. */
const MAX_SPEECH_CHARS = 8000;

export function alexaTurnOf(envelope: AlexaRequestEnvelope): AlexaTurn {
  const { request } = envelope;
  switch (request.type) {
    case 'LaunchRequest':
      return { kind: 'launch' };
    case 'SessionEndedRequest':
      return { kind: 'ended' };
    case 'IntentRequest':
      return intentTurn(request.intent);
  }
}

function intentTurn(intent: AlexaIntent): AlexaTurn {
  if (STOP_INTENTS.has(intent.name)) return { kind: 'stop' };
  if (intent.name === 'AMAZON.HelpIntent') return { kind: 'help' };
  const utterance = utteranceOf(intent);
  return utterance === undefined ? { kind: 'no-utterance' } : { kind: 'ask', utterance };
}

/** The user's words: a slot named like an utterance first, else the first slot with a value. */
export function utteranceOf(intent: AlexaIntent): string | undefined {
  const slots = Object.values(intent.slots ?? {}).filter((slot) => slot.value?.trim());
  const named = UTTERANCE_SLOTS.flatMap((name) =>
    slots.filter((slot) => slot.name.toLowerCase() === name),
  );
  return (named[0] ?? slots[0])?.value?.trim();
}

/** The skill's id: Alexa sends it in the context, and in the session for in-session requests. */
export function skillIdOf(envelope: AlexaRequestEnvelope): string | undefined {
  return (
    envelope.context?.System?.application.applicationId ??
    envelope.session?.application.applicationId
  );
}

/**
 * Amazon asks skills to refuse requests whose timestamp is more than 150 s away from now, so a
 * captured request cannot be replayed later.
 */
export function isFresh(timestamp: string, now: number, toleranceMs = 150_000): boolean {
  return Math.abs(now - Date.parse(timestamp)) <= toleranceMs;
}

/** Speech, keeping the session open (with a reprompt) unless `endSession`. */
export function speech(
  text: string,
  endSession: boolean,
  reprompt?: string,
): AlexaResponseEnvelope {
  const outputSpeech = { type: 'PlainText' as const, text: spoken(text) };
  return {
    version: '1.0',
    response: {
      outputSpeech,
      ...(reprompt === undefined || endSession
        ? {}
        : { reprompt: { outputSpeech: { type: 'PlainText' as const, text: reprompt } } }),
      shouldEndSession: endSession,
    },
  };
}

/** The answer to a SessionEndedRequest: Alexa allows no speech there. */
export function silence(): AlexaResponseEnvelope {
  return { version: '1.0', response: {} };
}

function spoken(text: string): string {
  const trimmed = text.trim();
  return trimmed.length <= MAX_SPEECH_CHARS
    ? trimmed
    : `${trimmed.slice(0, MAX_SPEECH_CHARS - 3)}...`;
}
