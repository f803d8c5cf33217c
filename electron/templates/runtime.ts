// The per-run state a template renders against: the locale's faker, a random source and a clock.
// With a seed every generator is reproducible; without one uuid uses the system's CSPRNG.
import { randomUUID } from 'node:crypto';
import { Faker, base, en, ru } from '@faker-js/faker';
import type { TemplateLocale, TemplateRuntime } from './types';

export type RuntimeOptions = {
  locale: TemplateLocale;
  /** Integer seed: same seed, same template, same index sequence → same output. */
  seed?: number;
  /** Epoch ms for `now`/`nowMs`; defaults to Date.now. Tests and previews fix it. */
  clock?: () => number;
};

export function createFaker(locale: TemplateLocale): Faker {
  // Russian data falls back to English for generators the ru locale lacks.
  return new Faker({ locale: locale === 'ru' ? [ru, en, base] : [en, base] });
}

export function createTemplateRuntime({ locale, seed, clock = Date.now }: RuntimeOptions): TemplateRuntime {
  // A fresh Faker per run: runs and previews in parallel must not share (or reseed) one generator.
  const faker = createFaker(locale);
  // faker.date.* count from the same clock as now/nowMs.
  faker.setDefaultRefDate(() => new Date(clock()));
  if (seed === undefined) {
    return { locale, faker, random: Math.random, uuid: randomUUID, now: clock };
  }
  faker.seed(seed);
  const next = mulberry32(seed ^ 0x5bd1e995);
  const random = () => (next() * 2 ** 21 + (next() >>> 11)) / 2 ** 53;
  return { locale, faker, random, uuid: () => seededUuid(next), now: clock };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** RFC 4122 version 4 layout from a seeded 32-bit source. */
function seededUuid(next: () => number): string {
  const a = hex8(next());
  const b = hex8(((next() & 0xffff0fff) | 0x00004000) >>> 0);
  const c = hex8(((next() & 0x3fffffff) | 0x80000000) >>> 0);
  const d = hex8(next());
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}
