// The runner's worker thread. Its records leave as ArrayBuffers, as main's do, so once loaded it
// keeps young generations from growing again (memory.ts); while it loads (faker's data, the
// template engine) they may, since collecting a 1 MB young generation over and over made the
// worker's start a fifth slower.
import { noYoungGrowth } from './memory';

void import('../workers/entry').then(noYoungGrowth);
