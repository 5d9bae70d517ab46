import type { Request } from 'express';
import { setRouted } from '../routing/routed-request';
import { agentAddressOf, agentOfHost } from './agent-address';

function request(headers: Record<string, string>, pathVersion?: string): Request {
  const req = { headers } as unknown as Request;
  if (pathVersion !== undefined) {
    setRouted(req, { decision: { module: 'agent-runner', reason: 'default' }, pathVersion });
  }
  return req;
}

const DOMAIN = 'agents.example.com';

describe('agentAddressOf', () => {
  it('reads the agent from X-AGENT-ID, the host or the path, and the version from path or header', () => {
    expect(agentAddressOf(request({ 'x-agent-id': 'bot' }), DOMAIN)).toEqual({ id: 'bot' });
    expect(agentAddressOf(request({ host: 'bot.agents.example.com:5053' }), DOMAIN)).toEqual({
      id: 'bot',
    });
    expect(agentAddressOf(request({}, '1.2'), DOMAIN, 'bot')).toEqual({
      id: 'bot',
      version: '1.2',
    });
    expect(agentAddressOf(request({ 'x-agent-version': '3' }), DOMAIN, 'bot')).toEqual({
      id: 'bot',
      version: '3',
    });
  });

  it('accepts agreeing sources and refuses disagreeing ones with 400 naming both', () => {
    const same = request({ 'x-agent-id': 'bot', host: 'bot.agents.example.com' });
    expect(agentAddressOf(same, DOMAIN, 'bot').id).toBe('bot');
    expect(() => agentAddressOf(request({ 'x-agent-id': 'other' }), DOMAIN, 'bot')).toThrow(
      'The agent is named twice and differently: path says "bot", X-AGENT-ID says "other"',
    );
    expect(() => agentAddressOf(request({ 'x-agent-version': '2' }, '1'), DOMAIN, 'bot')).toThrow(
      /version is named twice/,
    );
  });

  it('refuses a request naming no agent, or a malformed one', () => {
    expect(() => agentAddressOf(request({}), DOMAIN)).toThrow(/Name the agent/);
    expect(() => agentAddressOf(request({ 'x-agent-id': 'Bad_Id' }), DOMAIN)).toThrow(
      /Invalid agent id "Bad_Id"/,
    );
    expect(() => agentAddressOf(request({ 'x-agent-version': 'v2' }), DOMAIN, 'bot')).toThrow(
      /Invalid agent version "v2"/,
    );
  });

  it('ignores the host when no agent domain is configured', () => {
    expect(() => agentAddressOf(request({ host: 'bot.agents.example.com' }), undefined)).toThrow(
      /Name the agent/,
    );
  });
});

describe('agentOfHost (exact suffix match)', () => {
  it.each([
    ['bot.agents.example.com', 'bot'],
    ['BOT.Agents.Example.com:443', 'bot'],
    ['bot.agents.example.com.', 'bot'],
    ['agents.example.com', undefined],
    ['bot.evilagents.example.com', undefined],
    ['x.bot.agents.example.com', undefined],
    ['bot.agents.example.com.evil.io', undefined],
    [undefined, undefined],
  ])('%s -> %s', (host, agent) => {
    expect(agentOfHost(host, DOMAIN)).toBe(agent);
  });
});
