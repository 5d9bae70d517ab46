import type { AgentDefinitionInput } from '@agentrt/client';
import { type AgentDefinition, AgentDefinitionSchema } from '@agentrt/contracts';
import { readFile } from 'node:fs/promises';
import type { Command, CommandGroup } from '../command';
import { ExitCode, UsageError, messageOf } from '../exit-codes';
import { requiredString, stringFlag } from '../flags';
import { table } from '../output';
import { agentsAdmin } from './clients';

const versionOption = {
  type: 'string',
  value: 'V',
  help: 'one version (default: the latest)',
} as const;
const fileOption = {
  type: 'string',
  value: 'FILE',
  help: 'the agent definition, as JSON (required)',
} as const;

function agentLines(agent: AgentDefinition): string[] {
  const lines = [
    `id:              ${agent.id}`,
    `name:            ${agent.name}`,
    `version:         ${agent.version}`,
    `llm:             ${agent.llm.provider} ${agent.llm.model}${agent.llm.base_url ? ` at ${agent.llm.base_url}` : ''}`,
    `runtime_image:   ${agent.runtime_image}`,
    `resource_factor: ${agent.resource_factor}`,
    `tools:           ${agent.tools.map((tool) => tool.name).join(', ') || '(none)'}`,
  ];
  if (agent.system_prompt)
    lines.push(`system_prompt:   ${agent.system_prompt.split('\n')[0] ?? ''}`);
  if (agent.updated_at) lines.push(`updated_at:      ${agent.updated_at}`);
  return lines;
}

/** Reads and checks a definition file; every problem is listed (exit 2) before any call. */
async function definitionFrom(path: string, id?: string): Promise<AgentDefinitionInput> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${messageOf(error)}`);
  }
  const withId =
    id !== undefined && typeof data === 'object' && data !== null ? { id, ...data } : data;
  const parsed = AgentDefinitionSchema.safeParse(withId);
  if (!parsed.success) {
    throw new UsageError(
      `${path} is not a valid agent definition`,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  if (id !== undefined && parsed.data.id !== id) {
    throw new UsageError(`${path} defines agent ${parsed.data.id}, not ${id}`);
  }
  return parsed.data;
}

const list: Command = {
  name: 'list',
  summary: 'list agents (latest version of each)',
  positionals: [0, 0],
  options: {},
  async run(context) {
    const agents = await agentsAdmin(context).list();
    const rows = agents.map((a) => [
      a.id,
      a.version,
      a.name,
      `${a.llm.provider}/${a.llm.model}`,
      a.runtime_image,
    ]);
    context.out.result(
      { agents },
      agents.length === 0
        ? 'no agents'
        : table(['ID', 'VERSION', 'NAME', 'MODEL', 'RUNTIME_IMAGE'], rows),
    );
    return ExitCode.Ok;
  },
};

const get: Command = {
  name: 'get',
  summary: 'show an agent',
  args: '<agent_id>',
  positionals: [1, 1],
  options: { version: versionOption },
  async run(context) {
    const agent = await agentsAdmin(context).get(
      context.positionals[0] ?? '',
      stringFlag(context.flags, 'version'),
    );
    context.out.result(agent, agentLines(agent));
    return ExitCode.Ok;
  },
};

const create: Command = {
  name: 'create',
  summary: 'create an agent version (exit 3 when that id and version exist)',
  positionals: [0, 0],
  options: { file: fileOption },
  async run(context) {
    const definition = await definitionFrom(requiredString(context.flags, 'file'));
    const agent = await agentsAdmin(context).create(definition);
    context.out.result(agent, `created agent ${agent.id} version ${agent.version}`);
    return ExitCode.Ok;
  },
};

const update: Command = {
  name: 'update',
  summary: 'create or replace the version named in the file',
  args: '<agent_id>',
  positionals: [1, 1],
  options: { file: fileOption },
  async run(context) {
    const id = context.positionals[0] ?? '';
    const definition = await definitionFrom(requiredString(context.flags, 'file'), id);
    const agent = await agentsAdmin(context).update(definition);
    context.out.result(agent, `saved agent ${agent.id} version ${agent.version}`);
    return ExitCode.Ok;
  },
};

const remove: Command = {
  name: 'delete',
  summary: 'delete an agent (every version), or one version',
  args: '<agent_id>',
  positionals: [1, 1],
  options: { version: versionOption },
  async run(context) {
    const id = context.positionals[0] ?? '';
    const version = stringFlag(context.flags, 'version');
    await agentsAdmin(context).delete(id, version);
    const what = version === undefined ? `agent ${id}` : `agent ${id} version ${version}`;
    context.out.result(
      { id, ...(version === undefined ? {} : { version }), deleted: true },
      `deleted ${what}`,
    );
    return ExitCode.Ok;
  },
};

/** `agentrt agents ...`: agent definitions on the gateway's admin port. */
export const agentsGroup: CommandGroup = {
  name: 'agents',
  summary:
    "agent definitions on the gateway's admin port (AGENTRT_GATEWAY_ADMIN_URL, AGENTRT_API_KEY)",
  commands: [list, get, create, update, remove],
};
