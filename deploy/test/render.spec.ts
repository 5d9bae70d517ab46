import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kustomize } from './kustomize';
import { DEPLOY_DIR, renderExample } from './rendered';
import { schemaErrors } from './validate';

describe('rendering deploy/ (kustomize subset, see kustomize.ts)', () => {
  it.each(['base', 'overlays/example'])(
    'renders %s into objects valid against the Kubernetes schemas',
    (dir) => {
      const objects = kustomize(join(DEPLOY_DIR, dir));

      expect(objects.length).toBeGreaterThan(30);
      expect(objects.flatMap(schemaErrors)).toEqual([]);
      const ids = objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
      expect(new Set(ids).size).toBe(ids.length);
    },
  );

  it('puts the overlay image tags, hosts and generated Secret names in place', () => {
    const text = JSON.stringify(renderExample());

    expect(text).toContain('registry.example.com/agentrt/gateway:0.1.0');
    expect(text).not.toContain('agentrt/gateway:dev');
    expect(text).not.toContain('example.invalid');
    expect(text).not.toMatch(/"agentrt-secrets"/); // every reference follows the hashed name
  });

  it('refuses an object of a kind it has no schema for, and an invalid one', () => {
    const crd = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    const bad = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { replicas: 'two' },
    };

    expect(schemaErrors(crd)).toEqual(['Widget/w: example.com/v1 Widget is not a known kind']);
    expect(schemaErrors(bad).join()).toMatch(/replicas must be integer/);
  });

  describe('with a kustomization it does not implement', () => {
    let dir = '';
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'agentrt-deploy-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('fails instead of ignoring the field', () => {
      writeFileSync(join(dir, 'kustomization.yaml'), 'resources: []\nnamePrefix: x-\n');

      expect(() => kustomize(dir)).toThrow('unsupported fields namePrefix');
    });
  });
});
