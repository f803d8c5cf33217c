// The runner's worker thread: its records leave as ArrayBuffers, as main's do, so its young
// generation is kept small too (memory.ts) before its entry loads the template engine.
import { noYoungGrowth } from './memory';

noYoungGrowth();
void import('../workers/entry');
