/** What went wrong with the camera, and what to do, in words for the user. */
export function describeCameraError(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera access was refused. Allow the camera for this site (the camera icon in the address bar or the site settings), then press Start camera again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found. Connect a camera, then press Start camera again.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera could not be started: another app may be using it. Close that app, then press Start camera again.';
    default:
      return `The camera could not be started (${error instanceof Error ? error.message : String(error)}). Check that a camera is connected and allowed, then try again.`;
  }
}

export const NO_CAMERA_API =
  'This browser gives this page no camera access (it needs a secure https:// page and a browser with getUserMedia).';
