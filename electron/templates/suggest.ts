// "Did you mean" for misspelled names: the closest few by edit distance, ignoring case.
import { problemOf, type ReasonWithParams } from '../shared/reasons';

export function closestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const wanted = name.toLowerCase();
  const maxDistance = Math.max(2, Math.floor(wanted.length / 2));
  return [...candidates]
    .map((candidate) => ({ candidate, distance: editDistance(wanted, candidate.toLowerCase()) }))
    .filter((c) => c.distance <= maxDistance)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((c) => c.candidate);
}

/** "Did you mean …?" for a misspelled name, or every name to pick from when none is close. */
export function suggestion(name: string, candidates: Iterable<string>): ReasonWithParams {
  const all = [...candidates];
  const close = closestNames(name, all);
  return close.length
    ? problemOf('didYouMean', { names: close.map((c) => `'${c}'`).join(', ') })
    : problemOf('useOneOf', { names: all.join(', ') });
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
