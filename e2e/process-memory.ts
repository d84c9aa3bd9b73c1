// Resident memory of a browser and all its child processes (renderers, GPU, utility), read from Linux's /proc:
// the honest measure of "memory bounded" for work that happens outside the JavaScript heap (image decoders).
import { readdirSync, readFileSync } from 'node:fs';

const PAGE_BYTES = 4096;

function parentOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined; // the process ended meanwhile
  }
}

function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(entry);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

export function treeResidentBytes(root: number): number {
  return processTree(root).reduce((sum, pid) => {
    try {
      return sum + Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
    } catch {
      return sum;
    }
  }, 0);
}

/** Samples the tree's resident memory every `intervalMs` until stopped; returns the peak in bytes. */
export function watchPeak(root: number, intervalMs = 50): () => number {
  let peak = treeResidentBytes(root);
  const timer = setInterval(() => (peak = Math.max(peak, treeResidentBytes(root))), intervalMs);
  return () => {
    clearInterval(timer);
    return Math.max(peak, treeResidentBytes(root));
  };
}
