import { describe, expect, it } from 'vitest';
import { FpsMeter } from './fps-meter';

describe('FpsMeter', () => {
  it('counts frames per second over the window', () => {
    const meter = new FpsMeter(1000);
    expect(meter.fps()).toBe(0);
    [0, 100, 200, 300, 400].forEach((t) => meter.tick(t));
    expect(meter.fps()).toBeCloseTo(10, 6);
  });

  it('forgets frames older than the window, so a slowdown shows at once', () => {
    const meter = new FpsMeter(1000);
    [0, 100, 200, 300].forEach((t) => meter.tick(t));
    meter.tick(1500);
    meter.tick(2000);
    expect(meter.fps()).toBeCloseTo(2, 6);
    meter.reset();
    expect(meter.fps()).toBe(0);
  });
});
