import { transformFileSync } from '@swc/core';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs boot-heap.ts in a fresh Node process (the test runner's own young generation has long
 * grown) and reports the young generation's size after allocating long-lived objects while held,
 * then again after release.
 */
function youngGenerationSizes(): { held: number; released: number } {
  const { code } = transformFileSync(join(__dirname, 'boot-heap.ts'), {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  const script = `
    const mod = { exports: {} };
    new Function('exports', 'module', 'require', ${JSON.stringify(code)})(mod.exports, mod, require);
    const v8 = require('node:v8');
    const size = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    const survivors = [];
    const allocate = () => { for (let i = 0; i < 300000; i++) survivors.push({ i, text: 'item ' + i }); };
    mod.exports.holdYoungGeneration();
    allocate();
    const held = size();
    mod.exports.releaseYoungGeneration();
    allocate();
    console.log(JSON.stringify({ held, released: size() }));
  `;
  const output = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  return JSON.parse(output) as { held: number; released: number };
}

const MB = 1024 * 1024;

describe('boot heap', () => {
  it('keeps the young generation at its initial size while held, and lets it grow after', () => {
    const { held, released } = youngGenerationSizes();
    // Unheld, the same allocations grow it to 32 MB (two 16 MB semi-spaces).
    expect(held).toBeLessThanOrEqual(2 * MB);
    expect(released).toBeGreaterThan(4 * MB);
  });
});
