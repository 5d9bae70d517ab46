import { setFlagsFromString } from 'node:v8';

/** V8's own default for `--semi-space-growth-factor` (Node 20 and 22). */
const DEFAULT_GROWTH_FACTOR = 2;

/**
 * Booting leaves tens of MB of long-lived objects (module code, Nest metadata, the OpenAPI
 * document). With V8's default policy those survivors grow the young generation to its 16 MB
 * maximum per semi-space, and V8 keeps the 32 MB resident until its memory reducer runs some
 * 25 s later, while an agent server spends most of its life idle. Keeping the young generation
 * at its initial size until the server listens keeps ~30 MB out of its idle RSS (targets.md B6);
 * survivors go to the old generation, where they belong anyway.
 *
 * Only the growth factor can do this at run time: V8 reads it each time it grows the space,
 * whereas `--max-semi-space-size` is fixed when the heap is set up.
 */
export function holdYoungGeneration(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

/** Lets the young generation grow under load exactly as it does by default. */
export function releaseYoungGeneration(): void {
  setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
}
