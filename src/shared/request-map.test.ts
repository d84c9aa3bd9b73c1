// Type-level tests: `npm run typecheck` compiles this file, so an `@ts-expect-error` line whose error went away
// (a wrong reply type that compiles) fails the typecheck. The runtime part checks the transport classifier.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { LoadPhase } from './load-phase';
import { transportMessage, type ClipRequests, type LoadedModel, type WorkerReply } from './protocol';
import type { CheckedMap, Exchange, ReplyTo, RequestFields, UpdateOf } from './request-map';

describe('request map typing', () => {
  it('derives each request type its reply and its streamed updates', () => {
    expectTypeOf<ReplyTo<ClipRequests, 'encodeTexts'>>().toEqualTypeOf<{
      type: 'textEmbeds';
      id: number;
      embeds: Float32Array;
      count: number;
      tokens: string[];
    }>();
    expectTypeOf<ReplyTo<ClipRequests, 'load'>['model']>().toEqualTypeOf<LoadedModel>();
    expectTypeOf<UpdateOf<ClipRequests, 'load'>>().toEqualTypeOf<LoadPhase>();
    expectTypeOf<UpdateOf<ClipRequests, 'encodeImage'>>().toBeNever();
    expectTypeOf<RequestFields<ClipRequests, 'encodeTexts'>>().toEqualTypeOf<{ prompts: string[] }>();
  });

  it('a wrong reply type does not compile', () => {
    // @ts-expect-error a text request is settled by textEmbeds, not by an image's embeddings
    const wrong: ReplyTo<ClipRequests, 'encodeTexts'> = { type: 'frameEmbeds', id: 1, embeds: new Float32Array(1) };
    // @ts-expect-error the fields of one request are not another's
    const fields: RequestFields<ClipRequests, 'encodeTexts'> = { frame: undefined };
    expect([wrong, fields]).toHaveLength(2);
  });

  it('a map entry under the wrong key, or a reply taking a transport type, becomes never', () => {
    type Misfiled = CheckedMap<{ ping: Exchange<{ type: 'pong'; id: number }, { type: 'ok'; id: number }> }, 'error'>;
    expectTypeOf<Misfiled['ping']>().toBeNever();
    type Reserved = CheckedMap<
      { ping: Exchange<{ type: 'ping'; id: number }, { type: 'error'; id: number }> },
      'error'
    >;
    expectTypeOf<Reserved['ping']>().toBeNever();
    type Good = CheckedMap<{ ping: Exchange<{ type: 'ping'; id: number }, { type: 'pong'; id: number }> }, 'error'>;
    expectTypeOf<Good['ping']['reply']>().toEqualTypeOf<{ type: 'pong'; id: number }>();
  });

  it('tells transport messages from replies', () => {
    const update: WorkerReply = { type: 'update', id: 1, update: { kind: 'starting' } };
    const failed: WorkerReply = { type: 'webgpuFailed', id: 0, reason: 'lost' };
    const reply: WorkerReply = { type: 'frameEmbeds', id: 2, embeds: new Float32Array(1) };
    expect(transportMessage(update)).toBe(update);
    expect(transportMessage(failed)).toBe(failed);
    expect(transportMessage(reply)).toBeUndefined();
  });
});
