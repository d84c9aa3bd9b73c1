import { describe, expect, it } from 'vitest';
import { ModelConnection } from './model-connection';
import type { ModelSession } from './session/model-session';

describe('ModelConnection', () => {
  it('is an object per app: two connections share neither session nor opened folder', () => {
    const a = new ModelConnection({ name: 'a' } as unknown as ModelSession);
    const b = new ModelConnection({ name: 'b' } as unknown as ModelSession);
    a.localModel = { name: 'folder', files: {} };
    expect(b.localModel).toBeUndefined();
    expect(a.session).not.toBe(b.session);
  });
});
