import type {
  AgentDefinition,
  AlexaRequestEnvelope,
  AlexaResponseEnvelope,
} from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config/gateway.config';
import { type AgentCallContext, AgentCalls, runFailureOf } from '../agent-calls.service';
import { alexaTurnOf, isFresh, silence, skillIdOf, speech } from './alexa-mapping';

const ANYTHING_ELSE = 'Anything else?';

/**
 * An agent as an Alexa skill: the request's utterance is the run's input, the agent's answer is
 * spoken. Sessions stay open after an answer so the user can ask again; stop and cancel end them.
 */
@Injectable()
export class AlexaSkill {
  constructor(
    private readonly calls: AgentCalls,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Refuses stale requests (400) and, when ALEXA_SKILL_IDS is set, other skills' (403). */
  check(envelope: AlexaRequestEnvelope): void {
    if (!isFresh(envelope.request.timestamp, Date.now())) {
      throw new ApiException(400, 'The Alexa request timestamp is more than 150 s away from now');
    }
    const allowed = this.config.ALEXA_SKILL_IDS;
    const skillId = skillIdOf(envelope);
    if (allowed && (skillId === undefined || !allowed.includes(skillId))) {
      throw new ApiException(
        403,
        `Alexa skill ${skillId ?? '(none)'} is not allowed here`,
        'forbidden',
      );
    }
  }

  async answer(
    envelope: AlexaRequestEnvelope,
    agent: () => Promise<AgentDefinition>,
    context: AgentCallContext,
  ): Promise<AlexaResponseEnvelope> {
    const turn = alexaTurnOf(envelope);
    switch (turn.kind) {
      case 'ended':
        return silence();
      case 'stop':
        return speech('Goodbye.', true);
      case 'launch':
        return speech(
          `${(await agent()).name} is listening. What should I do?`,
          false,
          'What should I do?',
        );
      case 'help':
        return speech(
          `Ask ${(await agent()).name} anything; say stop to end.`,
          false,
          'What should I do?',
        );
      case 'no-utterance':
        return speech(
          "Sorry, I didn't catch that. Please say it again.",
          false,
          'What should I do?',
        );
      case 'ask':
        return this.ask(await agent(), turn.utterance, context);
    }
  }

  private async ask(
    agent: AgentDefinition,
    utterance: string,
    context: AgentCallContext,
  ): Promise<AlexaResponseEnvelope> {
    const ended = await this.calls.run(agent, utterance, {
      ...context,
      timeoutSeconds: this.config.ALEXA_RUN_TIMEOUT_SECONDS,
    });
    const failure = runFailureOf(ended);
    if (failure !== undefined) return speech(`Sorry, ${failure}.`, false, ANYTHING_ELSE);
    return speech(
      ended.output || `${agent.name} finished without an answer.`,
      false,
      ANYTHING_ELSE,
    );
  }
}
