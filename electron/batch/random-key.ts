// UUID-shaped random partition keys. Seeded keys depend only on (seed, index), so a preview and
// the send that follows it (or a re-run) produce the same keys whatever order they are asked in.

/** murmur3's 32-bit finalizer: a bijection with full avalanche. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');

/**
 * Word w of key i is fmix32(i + k_w) with k_w drawn from the seed; fmix32 is a bijection, so two
 * indexes below 2^32 never share the first word and seeded keys never repeat within a run.
 */
export function seededUuids(seed: number): (index: number) => string {
  const [k0, k1, k2, k3] = [1, 2, 3, 4].map((w) => fmix32(seed ^ Math.imul(w, 0x9e3779b9))) as [
    number,
    number,
    number,
    number,
  ];
  return (index) => {
    const i = index >>> 0;
    const a = fmix32(i + k0);
    const b = fmix32(i + k1);
    const c = fmix32(i + k2);
    const d = fmix32(i + k3);
    const version = (b & 0x0fff) | 0x4000;
    const variant = ((c >>> 16) & 0x3fff) | 0x8000;
    return `${hex(a, 8)}-${hex(b >>> 16, 4)}-${hex(version, 4)}-${hex(variant, 4)}-${hex(c & 0xffff, 4)}${hex(d, 8)}`;
  };
}
