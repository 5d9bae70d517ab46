import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

const scopes = ['runtime-api', 'build-service', 'agent-server', 'gateway', 'cli'];

/**
 * Architecture rules, enforced rather than hoped for:
 * - apps never import apps; libs never import apps;
 * - contracts depend on nothing of ours; platform only on contracts;
 * - only the adapter libs talk to BullMQ, Docker or Kubernetes.
 */
const depConstraints = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:contracts',
      'type:platform',
      'type:data-access',
      'type:testing',
    ],
  },
  {
    sourceTag: 'type:app',
    bannedExternalImports: ['bullmq', 'dockerode', '@kubernetes/client-node'],
  },
  // e2e may drive the platform through our own client SDK (libs/client), as users do.
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:testing', 'type:client'],
  },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing'] },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: [
      'type:contracts',
      'type:platform',
      'type:data-access',
      'type:testing',
    ],
  },
  // Specs only, as for apps and data-access libs (libs/testing is never in production code).
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
  {
    sourceTag: 'type:bench',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:data-access', 'type:testing'],
  },
  { sourceTag: 'scope:bench', onlyDependOnLibsWithTags: ['scope:shared'] },
  // Repo tooling (tools/*): commands such as the agent-server context builder.
  {
    sourceTag: 'type:tools',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:data-access', 'type:testing'],
  },
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...scopes.map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: ['scope:shared'],
  })),
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/coverage',
      'tmp',
      '.nx',
      '**/webpack.config.js',
      '**/jest.config.ts',
      'jest.preset.js',
    ],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allowCircularSelfDependency: false, depConstraints },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            'Read configuration through the app config service; only main.ts passes process.env to loadConfig.',
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='only']",
          message: 'No .only in committed tests.',
        },
      ],
    },
  },
  {
    // Test helpers are for tests only; the dependency rule above cannot tell a spec from source.
    files: ['**/*.ts'],
    // Paths below matter when eslint runs from the root (lint-staged); per-project configs turn it off.
    ignores: [
      '**/*.spec.ts',
      '**/testing/**',
      '**/*.testing.ts',
      'bench/**',
      'e2e/**',
      'libs/testing/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@agentrt/testing',
              message: 'Test-only helpers; import them from tests only.',
            },
          ],
        },
      ],
    },
  },
  prettier,
];
