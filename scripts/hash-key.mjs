#!/usr/bin/env node
// Prints the sha256 hex digest of an API key, the form RUNTIME_API_KEY_HASHES holds.
// Reads the key from the first argument or, to keep it out of shell history, from stdin.
import { createHash } from 'node:crypto';

const fromArgs = process.argv[2];
const key =
  fromArgs ??
  (await new Promise((resolve) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => (data += chunk));
    process.stdin.on('end', () => resolve(data.trim()));
  }));
if (!key) {
  console.error('usage: npm run hash-key -- <key>   (or: echo -n <key> | npm run hash-key)');
  process.exit(2);
}
console.log(createHash('sha256').update(key, 'utf8').digest('hex'));
