import baseConfig from '../../eslint.config.mjs';

// Tests and tooling: the test-only helpers are exactly what this project may import.
export default [...baseConfig, { rules: { 'no-restricted-imports': 'off' } }];
