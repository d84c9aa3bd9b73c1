/** A parsed `/{owner}/{name}/resolve/{revision}/{path...}` URL path. */
export interface ResolveTarget {
  repoId: string;
  revision: string;
  /** The decoded file path inside the repo, '/'-separated, as faults match it. */
  filePath: string;
  fileSegments: string[];
}

// A decoded segment must name one entry inside its folder: no '..', and no separator smuggled in as %2F or %5C.
function isPlainSegment(segment: string): boolean {
  return segment !== '' && segment !== '.' && segment !== '..' && !/[/\\\0]/.test(segment);
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Returns undefined for anything that is not a well-formed resolve URL path. */
export function parseResolvePath(urlPath: string): ResolveTarget | undefined {
  const [empty, owner, name, resolveWord, revision, ...rest] = urlPath.split('/').map(decodeSegment);
  if (empty !== '' || resolveWord !== 'resolve' || !revision || rest.length === 0) return undefined;
  const nameParts = [owner, name, ...rest];
  if (!nameParts.every((part) => part !== undefined && isPlainSegment(part))) return undefined;
  const fileSegments = rest as string[];
  return { repoId: `${owner}/${name}`, revision, filePath: fileSegments.join('/'), fileSegments };
}
