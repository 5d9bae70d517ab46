import { z } from 'zod';

/**
 * The Alexa Skills Kit request and response envelopes, the parts the Alexa embodiment reads and
 * writes (`POST /alexa`). Loose objects: Alexa adds fields over time, and a skill must ignore
 * what it does not know.
 */

const AlexaRequestBaseSchema = z.looseObject({
  requestId: z.string().min(1),
  /** ISO 8601; Amazon requires skills to refuse requests more than 150 s old. */
  timestamp: z.iso.datetime({ offset: true }),
  locale: z.string().optional(),
});

export const AlexaSlotSchema = z.looseObject({
  name: z.string(),
  value: z.string().optional(),
});
export type AlexaSlot = z.infer<typeof AlexaSlotSchema>;

export const AlexaIntentSchema = z.looseObject({
  name: z.string().min(1),
  slots: z.record(z.string(), AlexaSlotSchema).optional(),
});
export type AlexaIntent = z.infer<typeof AlexaIntentSchema>;

export const AlexaLaunchRequestSchema = AlexaRequestBaseSchema.extend({
  type: z.literal('LaunchRequest'),
});
export const AlexaIntentRequestSchema = AlexaRequestBaseSchema.extend({
  type: z.literal('IntentRequest'),
  intent: AlexaIntentSchema,
});
export const AlexaSessionEndedRequestSchema = AlexaRequestBaseSchema.extend({
  type: z.literal('SessionEndedRequest'),
  reason: z.string().optional(),
});

export const AlexaRequestSchema = z.discriminatedUnion('type', [
  AlexaLaunchRequestSchema,
  AlexaIntentRequestSchema,
  AlexaSessionEndedRequestSchema,
]);
export type AlexaRequest = z.infer<typeof AlexaRequestSchema>;

/** `POST /alexa` body: what Alexa sends to a skill's HTTPS endpoint. */
export const AlexaRequestEnvelopeSchema = z
  .looseObject({
    version: z.string(),
    session: z
      .looseObject({
        sessionId: z.string(),
        application: z.looseObject({ applicationId: z.string() }),
      })
      .optional(),
    context: z
      .looseObject({
        System: z
          .looseObject({ application: z.looseObject({ applicationId: z.string() }) })
          .optional(),
      })
      .optional(),
    request: AlexaRequestSchema,
  })
  .meta({ id: 'AlexaRequestEnvelope' });
export type AlexaRequestEnvelope = z.infer<typeof AlexaRequestEnvelopeSchema>;

export const AlexaOutputSpeechSchema = z.object({
  type: z.literal('PlainText'),
  text: z.string(),
});
export type AlexaOutputSpeech = z.infer<typeof AlexaOutputSpeechSchema>;

/** The skill's answer; a SessionEndedRequest gets one without speech (Alexa ignores it). */
export const AlexaResponseEnvelopeSchema = z
  .object({
    version: z.literal('1.0'),
    response: z.object({
      outputSpeech: AlexaOutputSpeechSchema.optional(),
      reprompt: z.object({ outputSpeech: AlexaOutputSpeechSchema }).optional(),
      shouldEndSession: z.boolean().optional(),
    }),
  })
  .meta({ id: 'AlexaResponseEnvelope' });
export type AlexaResponseEnvelope = z.infer<typeof AlexaResponseEnvelopeSchema>;
