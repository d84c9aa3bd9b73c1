import { describe, expect, it } from 'vitest';
import { RestartBudget } from './restart-budget';

describe('RestartBudget', () => {
  it('allows max restarts within the window, then refuses', () => {
    let now = 0;
    const budget = new RestartBudget(3, 60_000, () => now);
    expect([budget.take(), budget.take(), budget.take()]).toEqual([true, true, true]);
    now = 59_999;
    expect(budget.take()).toBe(false);
  });

  it('earns restarts back as old ones leave the window (a healthy period)', () => {
    let now = 0;
    const budget = new RestartBudget(2, 1000, () => now);
    budget.take();
    now = 500;
    budget.take();
    now = 999;
    expect(budget.take()).toBe(false);
    now = 1000; // the first restart is a window old
    expect(budget.take()).toBe(true);
    expect(budget.take()).toBe(false);
    now = 2500;
    expect([budget.take(), budget.take(), budget.take()]).toEqual([true, true, false]);
  });

  it('starts over when reset', () => {
    const budget = new RestartBudget(1, 1000, () => 0);
    budget.take();
    expect(budget.take()).toBe(false);
    budget.reset();
    expect(budget.take()).toBe(true);
  });

  it('keeps old restarts when the worker made no progress since', () => {
    let now = 0;
    const budget = new RestartBudget(1, 1000, () => now);
    budget.take();
    now = 5000;
    expect(budget.take(true)).toBe(false);
    expect(budget.take()).toBe(true);
  });
});
