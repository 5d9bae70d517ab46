import { appendFile, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@agentrt/platform';
import { AgentServerConfigSchema } from '../../config/agent-server.config';
import { newConversation } from '../model/new-conversation';
import { startRequest } from '../testing/conversation-fixture';
import { FileConversationStore } from './file-conversation-store';

const id = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const line = (n: number) =>
  JSON.stringify({
    kind: 'PauseEvent',
    id: `00000000-0000-4000-8000-00000000000${n}`,
    timestamp: '2025-06-01T12:00:00Z',
    source: 'user',
  });

describe('FileConversationStore (real filesystem)', () => {
  let stateDir: string;
  let store: FileConversationStore;
  const dir = () => join(stateDir, 'conversations', id);

  beforeEach(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'agentrt-store-'));
    store = new FileConversationStore(
      loadConfig('agent-server', AgentServerConfigSchema, { AGENT_STATE_DIR: stateDir }),
    );
    await store.create(id, newConversation(startRequest(), id, '/w', '2025-06-01T12:00:00Z'));
  });

  afterEach(() => rm(stateDir, { recursive: true, force: true }));

  it('writes metadata owner-only and replaces it without leaving temp files', async () => {
    const stored = await store.readMeta(id);
    stored.info.title = 'renamed';
    await Promise.all([store.writeMeta(id, stored), store.writeMeta(id, stored)]);
    expect((await store.readMeta(id)).info.title).toBe('renamed');
    expect(await readdir(dir())).toEqual(['meta.json']);
    expect((await stat(join(dir(), 'meta.json'))).mode & 0o777).toBe(0o600);
    expect(await store.ids()).toEqual([id]);
  });

  it('appends events and loads them back in order', async () => {
    const appender = store.openAppender(id);
    appender.append(line(1));
    appender.append(line(2));
    await appender.close();
    const loaded = await store.loadEvents(id);
    expect(loaded.problems).toEqual([]);
    expect(loaded.events.map((e) => e.line)).toEqual([line(1), line(2)]);
  });

  it('cuts off a partial last line a crash left, so the next append starts clean', async () => {
    const appender = store.openAppender(id);
    appender.append(line(1));
    await appender.close();
    await appendFile(join(dir(), 'events.jsonl'), '{"kind":"Message');
    const loaded = await store.loadEvents(id);
    expect(loaded.events).toHaveLength(1);
    expect(loaded.problems).toEqual(['cut off a partial last line (16 bytes)']);
    const again = store.openAppender(id);
    again.append(line(2));
    await again.close();
    expect(await readFile(join(dir(), 'events.jsonl'), 'utf8')).toBe(`${line(1)}\n${line(2)}\n`);
  });

  it('skips an unreadable line in the middle and reports it', async () => {
    await appendFile(join(dir(), 'events.jsonl'), `${line(1)}\nnot json\n${line(3)}\n`);
    const loaded = await store.loadEvents(id);
    expect(loaded.events.map((e) => e.event.id.slice(-1))).toEqual(['1', '3']);
    expect(loaded.problems).toEqual(['skipped unreadable line 2']);
  });

  it('removes everything of a conversation', async () => {
    await store.remove(id);
    expect(await store.ids()).toEqual([]);
  });
});
