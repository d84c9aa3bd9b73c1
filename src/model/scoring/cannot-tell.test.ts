import { describe, expect, it } from 'vitest';
import { cannotTell } from './cannot-tell';

describe('cannotTell', () => {
  it('with two labels, calls anything closer than 55% vs 45% a tie', () => {
    expect(cannotTell([0.5, 0.5])).toBe(true);
    expect(cannotTell([0.54, 0.46])).toBe(true);
    expect(cannotTell([0.56, 0.44])).toBe(false);
    expect(cannotTell([0.99, 0.01])).toBe(false);
  });

  it('scales with the number of labels (a fifth of the uniform share)', () => {
    const twelve = Array.from({ length: 12 }, () => 1 / 12);
    expect(cannotTell(twelve)).toBe(true);
    // 12 labels: uniform share 8.33%, so a spread of 1.5 points is a tie and 2 points is not.
    expect(cannotTell([0.0925, 0.0775, ...Array.from({ length: 10 }, () => 0.083)])).toBe(true);
    expect(cannotTell([0.095, 0.075, ...Array.from({ length: 10 }, () => 0.083)])).toBe(false);
    const confident = [0.6, ...Array.from({ length: 47 }, () => 0.4 / 47)];
    expect(cannotTell(confident)).toBe(false);
  });

  it('counts a bar that stands for several labels as that many equal scores', () => {
    expect(cannotTell([1], [12])).toBe(true); // twelve words the model reads as one: 8.3% each, not 100%
    expect(cannotTell([1], [1])).toBe(false); // one label: nothing to tell apart
    expect(cannotTell([1])).toBe(false);
    // "red circle" against eleven unknown words read as one: 45% vs 5% each once spread over the eleven.
    expect(cannotTell([0.9, 0.1], [1, 11])).toBe(false);
    // Bars of 1 and 3 labels with equal scores: all four labels score alike (25% each over the four).
    expect(cannotTell([0.5, 0.5], [1, 3])).toBe(true);
    // 25% and 75% over bars of 1 and 3 labels: 10% for the one, 30% for each of the three.
    expect(cannotTell([0.25, 0.75], [1, 3])).toBe(false);
  });

  it('compares independent (sigmoid) scores as shares of their sum', () => {
    expect(cannotTell([0.3, 0.3, 0.31])).toBe(true);
    expect(cannotTell([0.9, 0.1, 0.1])).toBe(false);
    expect(cannotTell([0, 0, 0])).toBe(true);
    expect(cannotTell([])).toBe(false);
  });
});
