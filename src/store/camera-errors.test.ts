import { describe, expect, it } from 'vitest';
import { describeCameraError } from './camera-errors';

describe('camera errors', () => {
  it('says what happened and what to do for each getUserMedia failure', () => {
    expect(describeCameraError(new DOMException('Permission denied', 'NotAllowedError'))).toMatch(
      /refused.*Allow the camera/,
    );
    expect(describeCameraError(new DOMException('none', 'NotFoundError'))).toMatch(/No camera was found/);
    expect(describeCameraError(new DOMException('busy', 'NotReadableError'))).toMatch(/another app/);
    expect(describeCameraError(new Error('odd'))).toMatch(/\(odd\).*try again/);
  });
});
