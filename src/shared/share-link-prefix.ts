// Recognising a share link is all the app needs at start; packing and unpacking (share-link-codec.ts) load on demand.
export const SHARE_PREFIX = '#share=';

/** The packed setup in a URL fragment, or undefined when the fragment is not a share link. */
export function sharePayload(hash: string): string | undefined {
  return hash.startsWith(SHARE_PREFIX) ? hash.slice(SHARE_PREFIX.length) : undefined;
}
