// Counts in words: "1 image", "2 images", "0 images". English only; irregular nouns pass their plural.

/** The noun alone, in the number `count` asks for. */
export function nounFor(count: number, singular: string, plural = `${singular}s`): string {
  return count === 1 ? singular : plural;
}

/** The count followed by its noun in the right number: countOf(1, 'image') is "1 image". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${nounFor(count, singular, plural)}`;
}
