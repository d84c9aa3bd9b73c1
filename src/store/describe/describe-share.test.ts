import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, sharePayload } from '../../shared/share-link-codec';
import { createAppStore } from '../store';
import { applySharedDescribe, describeToShare } from './describe-share';

describe('the Describe view in a share link', () => {
  it('carries nothing while the settings are the defaults and another tab is open', () => {
    expect(describeToShare(createAppStore().getState())).toBeUndefined();
  });

  it('carries the question, prefix, beams and open tab through a link into a fresh app', async () => {
    const from = createAppStore();
    from.getState().setDescribeQuestion('how many shapes are there?');
    from.getState().setDescribePrefix('a photo of a');
    from.getState().setDescribeBeams(2);
    from.getState().setExploreTab('describe');
    const fragment = await encodeShare({
      labels: ['a'],
      template: '{}',
      backend: 'auto',
      describe: describeToShare(from.getState()),
    });
    const decoded = await decodeShare(sharePayload(fragment)!);
    const to = createAppStore();
    applySharedDescribe(to.getState(), decoded.ok ? decoded.setup.describe : undefined);
    const s = to.getState();
    expect([s.describeQuestion, s.describePrefix, s.describeBeams, s.exploreTab]).toEqual([
      'how many shapes are there?',
      'a photo of a',
      2,
      'describe',
    ]);
  });
});
