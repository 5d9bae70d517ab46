import { rejectionOf } from '../common/rejection.testing';
import { BuildJsonRequestSchema, BuildMultipartFieldsSchema } from './build-request';

/** Stand-in for a tar.gz: the gzip magic bytes and some padding, base64-encoded. */
const contextBase64 = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3]).toString('base64');

describe('BuildJsonRequestSchema', () => {
  it('accepts the body the agent-server build script sends', () => {
    const parsed = BuildJsonRequestSchema.parse({
      context: contextBase64,
      target_image: 'localhost:5000/agentrt/agent-server',
      tags: ['agent-server-1a2b3c4-binary', 'latest'],
    });
    expect(parsed.tags).toEqual(['agent-server-1a2b3c4-binary', 'latest']);
  });

  it('normalises comma-separated tags to a list and defaults to none', () => {
    const base = { context: contextBase64, target_image: 'localhost:5000/agentrt/x' };
    expect(BuildJsonRequestSchema.parse({ ...base, tags: 'a, b' }).tags).toEqual(['a', 'b']);
    expect(BuildJsonRequestSchema.parse(base).tags).toEqual([]);
  });

  it('accepts base64 wrapped over several lines', () => {
    const wrapped = `${contextBase64.slice(0, 8)}\n${contextBase64.slice(8)}\n`;
    const parsed = BuildJsonRequestSchema.parse({ context: wrapped, target_image: 'x' });
    expect(parsed.context).toBe(contextBase64);
  });

  it('rejects a context that is not base64, naming the field', () => {
    const message = rejectionOf(BuildJsonRequestSchema, {
      context: 'not base64!',
      target_image: 'x',
    });
    expect(message).toContain('context: context must be the base64 text of a tar.gz');
  });

  it('requires a target image without whitespace', () => {
    expect(rejectionOf(BuildJsonRequestSchema, { context: contextBase64 })).toContain(
      'target_image',
    );
    expect(
      rejectionOf(BuildJsonRequestSchema, { context: contextBase64, target_image: 'a b' }),
    ).toContain('target_image must not contain whitespace');
  });
});

describe('BuildMultipartFieldsSchema', () => {
  it('accepts repeated and comma-separated tags, as the OpenHands builder form sends them', () => {
    const parsed = BuildMultipartFieldsSchema.parse({
      target_image: 'localhost:5000/agentrt/runtime',
      tags: ['oh_v0.59.0_abc', 'oh_v0.59.0_def,latest'],
    });
    expect(parsed.tags).toEqual(['oh_v0.59.0_abc', 'oh_v0.59.0_def', 'latest']);
  });

  it('accepts a single tag field', () => {
    expect(BuildMultipartFieldsSchema.parse({ target_image: 'x', tags: 'v1' }).tags).toEqual([
      'v1',
    ]);
  });
});

describe('build request extensions', () => {
  const base = { context: contextBase64, target_image: 'x' };

  it('accepts a stage, a Dockerfile path and build arguments in JSON', () => {
    const parsed = BuildJsonRequestSchema.parse({
      ...base,
      target: 'binary',
      dockerfile: 'docker/Dockerfile',
      build_args: { BASE_IMAGE: 'node:20' },
    });
    expect(parsed).toMatchObject({ target: 'binary', build_args: { BASE_IMAGE: 'node:20' } });
  });

  it('reads build arguments from a form field holding JSON', () => {
    const parsed = BuildMultipartFieldsSchema.parse({
      target_image: 'x',
      build_args: '{"BASE_IMAGE":"node:20"}',
    });
    expect(parsed.build_args).toEqual({ BASE_IMAGE: 'node:20' });
  });

  it('names a bad build argument or stage', () => {
    expect(rejectionOf(BuildJsonRequestSchema, { ...base, build_args: { 'a-b': 'x' } })).toContain(
      'build argument names',
    );
    expect(rejectionOf(BuildJsonRequestSchema, { ...base, target: '../x' })).toContain(
      'target must be a stage name',
    );
    expect(
      rejectionOf(BuildMultipartFieldsSchema, { target_image: 'x', build_args: '{nope' }),
    ).toContain('build_args');
  });
});
