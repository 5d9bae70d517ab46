import { holdYoungGeneration } from './boot-heap';

// A module of its own because imports run before main.ts's body: imported first, this holds the
// young generation before the framework's modules are loaded (see boot-heap.ts for why).
holdYoungGeneration();
