import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import {
  BashEventSearchQuerySchema,
  ConversationSearchQuerySchema,
  FilePathQuerySchema,
  StartBashCommandRequestSchema,
  StartConversationRequestSchema,
} from '@agentrt/contracts';
import { ApiCallError } from '../http/api-call-error';
import {
  answerJson,
  dropConnection,
  type LocalServer,
  type Received,
  serveLocally,
} from '../http/local-server.testing';
import { AgentServerClient } from './agent-server.client';

const KEY = 'sess-1';
const COMMAND_ID = randomUUID();
const STAMP = '2026-01-01T00:00:00.000001Z';

const bashOutput = {
  kind: 'BashOutput',
  id: randomUUID(),
  timestamp: STAMP,
  command_id: COMMAND_ID,
  order: 0,
  exit_code: 0,
  stdout: 'hello\n',
  stderr: null,
};
const bashCommand = {
  kind: 'BashCommand',
  id: COMMAND_ID,
  timestamp: STAMP,
  command: 'sleep 1',
  cwd: null,
  timeout: 300,
};
const info = {
  id: randomUUID(),
  agent: { kind: 'Agent', llm: { model: 'gpt-4o' }, tools: [] },
  workspace: { kind: 'LocalWorkspace', working_dir: '/workspace' },
  execution_status: 'idle',
  confirmation_policy: { kind: 'NeverConfirm' },
  max_iterations: 500,
  stuck_detection: true,
  title: null,
  created_at: '2026-01-01T00:00:00+00:00',
  updated_at: '2026-01-01T00:00:00+00:00',
};

let server: LocalServer | undefined;
/** What the fake refused: a call the client should not have made in that shape. */
let violations: string[] = [];

/** A strict agent server stand-in: checks the key, then answers with `route`. */
async function agentServer(route: (req: Received, res: ServerResponse, index: number) => void) {
  server = await serveLocally((req, res, index) => {
    if (req.headers['x-session-api-key'] !== KEY) {
      violations.push(`no session key on ${req.method} ${req.url}`);
      return answerJson(res, 401, { detail: 'Invalid session API key' });
    }
    route(req, res, index);
  });
  return { client: new AgentServerClient({ baseUrl: server.url, sessionApiKey: KEY }), server };
}

function queryOf(req: Received): Record<string, string> {
  return Object.fromEntries(new URL(req.url, 'http://x').searchParams);
}

function refuse(res: ServerResponse, what: string): void {
  violations.push(what);
  answerJson(res, 400, { detail: what, code: 'bad_request' });
}

describe('AgentServerClient: bash, files, conversations', () => {
  afterEach(async () => {
    await server?.close();
    server = undefined;
    expect(violations).toEqual([]);
    violations = [];
  });

  it("runs a command and waits for it past the client's usual time limit", async () => {
    const { server: fake } = await agentServer((req, res) => {
      const body = StartBashCommandRequestSchema.safeParse(JSON.parse(req.body.toString()));
      if (req.method !== 'POST' || !req.url.startsWith('/api/bash/execute_bash_command')) {
        return refuse(res, `unexpected ${req.method} ${req.url}`);
      }
      if (!body.success) return refuse(res, 'bad bash body');
      // Answers after the service's 100 ms limit: the command's own timeout governs this call.
      setTimeout(() => answerJson(res, 200, { ...bashOutput, stdout: body.data.cwd }), 400);
    });
    const client = new AgentServerClient({ baseUrl: fake.url, sessionApiKey: KEY, timeoutMs: 100 });
    const output = await client.executeBash('pwd', { cwd: '/workspace', timeout: 5 });
    expect(output).toMatchObject({ exit_code: 0, stdout: '/workspace', command_id: COMMAND_ID });
    expect(JSON.parse(fake.received[0]?.body.toString() ?? '')).toEqual({
      command: 'pwd',
      cwd: '/workspace',
      timeout: 5,
    });
  });

  it('does not repeat a command whose connection dropped (it may have run)', async () => {
    const { client, server: fake } = await agentServer((_req, res) => dropConnection(res));
    const error = await client.executeBash('rm -rf /tmp/x').catch((e: unknown) => e);
    expect(error).toMatchObject({ unreachable: true });
    expect(fake.received).toHaveLength(1);
  });

  it('starts a command at once and reads its output by command and order', async () => {
    const { client, server: fake } = await agentServer((req, res) => {
      if (req.method === 'POST') return answerJson(res, 200, bashCommand);
      const query = BashEventSearchQuerySchema.safeParse(queryOf(req));
      if (!query.success) return refuse(res, `bad bash search ${req.url}`);
      answerJson(res, 200, { items: [bashOutput], next_page_id: null });
    });
    const command = await client.startBash('sleep 1');
    const page = await client.bashEvents({ command_id__eq: command.id, order__gt: -1 });
    expect(command).toMatchObject({ kind: 'BashCommand', id: COMMAND_ID });
    expect(page.items).toEqual([bashOutput]);
    expect(fake.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/bash/start_bash_command',
      `GET /api/bash/bash_events/search?command_id__eq=${COMMAND_ID}&order__gt=-1`,
    ]);
  });

  it('downloads a file whole or as a stream, and carries the error body of a refusal', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const { client } = await agentServer((req, res) => {
      const query = FilePathQuerySchema.safeParse(queryOf(req));
      if (!query.success) return answerJson(res, 400, { detail: 'path must be absolute' });
      if (query.data.path !== '/workspace/a.bin') return refuse(res, `path ${query.data.path}`);
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
    });
    expect(await client.downloadFile('/workspace/a.bin')).toEqual(bytes);
    const stream = await client.downloadFileStream('/workspace/a.bin');
    expect(Buffer.from(await new Response(stream).arrayBuffer())).toEqual(bytes);
    const error = await client.downloadFile('relative.txt').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ status: 400, body: { detail: 'path must be absolute' } });
  });

  it('searches and deletes conversations, retrying a delete whose connection dropped', async () => {
    const { client, server: fake } = await agentServer((req, res, index) => {
      if (req.method === 'GET') {
        const query = ConversationSearchQuerySchema.safeParse(queryOf(req));
        if (!query.success) return refuse(res, `bad conversation search ${req.url}`);
        return answerJson(res, 200, { items: [info], next_page_id: null });
      }
      if (index === 1) return dropConnection(res);
      answerJson(res, 200, { success: true });
    });
    const page = await client.searchConversations({ status: 'idle', limit: 10 });
    await client.deleteConversation(info.id);
    expect(page.items.map((c) => c.id)).toEqual([info.id]);
    expect(fake.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/conversations/search?status=idle&limit=10',
      `DELETE /api/conversations/${info.id}`,
      `DELETE /api/conversations/${info.id}`,
    ]);
  });

  it('retries creating a conversation only when it names its id', async () => {
    const { client, server: fake } = await agentServer((req, res, index) => {
      const body = StartConversationRequestSchema.safeParse(JSON.parse(req.body.toString()));
      if (!body.success) return refuse(res, 'bad start request');
      if (index === 0 || index === 2) return dropConnection(res);
      answerJson(res, 201, info);
    });
    const agent = { llm: { model: 'gpt-4o' }, tools: [] };
    const created = await client.createConversation({ agent, conversation_id: info.id });
    expect(created.id).toBe(info.id);
    await expect(client.createConversation({ agent })).rejects.toMatchObject({
      unreachable: true,
    });
    expect(fake.received).toHaveLength(3);
  });
});
