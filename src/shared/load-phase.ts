// The phases a model load goes through, as the worker reports them: fetching the configs, downloading (or reading
// from the cache) the model files, creating the ONNX Runtime sessions, and one warm-up run.
// A discriminated union, so the UI shows a bar per phase and never has to match on display text.

export type Tower = 'text' | 'vision';
/** What a compiling step prepares: one CLIP tower, or the generator's sessions (created together). */
type CompiledPart = Tower | 'generator';

export type LoadPhase =
  /** Before the towers' sizes are known: configs, tokenizer, backend choice. */
  | { kind: 'starting' }
  | { kind: 'downloading'; loadedBytes: number; totalBytes: number; fromCache: boolean }
  /** Creating the ONNX Runtime sessions (graph optimisation, kernel compilation): one CLIP tower at a time,
   * or the generator's sessions. */
  | { kind: 'compiling'; part: CompiledPart; partsDone: number; partsTotal: number }
  /** One run of each tower, so the first real image or label does not pay for first-run costs. */
  | { kind: 'warming-up'; stepsDone: number; stepsTotal: number };

export type PhaseKind = LoadPhase['kind'];

export const STARTING: LoadPhase = { kind: 'starting' };

const PART_NAMES: Record<CompiledPart, string> = {
  text: 'the text encoder',
  vision: 'the image encoder',
  generator: "the generator's parts",
};

/** The phase in a few words, for the status line. */
export function phaseLabel(phase: LoadPhase): string {
  switch (phase.kind) {
    case 'starting':
      return 'Starting';
    case 'downloading':
      return phase.fromCache ? 'Reading from cache' : 'Downloading model';
    case 'compiling':
      // The count never passes the total: the last part's "done" report arrives before the warm-up starts.
      return `Preparing ${PART_NAMES[phase.part]} (${Math.min(phase.partsDone + 1, phase.partsTotal)} of ${phase.partsTotal})`;
    case 'warming-up':
      return 'Warming up';
  }
}

/** How far the phase is, as value of max for a determinate bar; undefined when that is not known. */
export function phaseProgress(phase: LoadPhase): { value: number; max: number } | undefined {
  switch (phase.kind) {
    case 'starting':
      return undefined;
    case 'downloading':
      return phase.totalBytes > 0
        ? { value: Math.min(phase.loadedBytes, phase.totalBytes), max: phase.totalBytes }
        : undefined;
    case 'compiling':
      return { value: phase.partsDone, max: phase.partsTotal };
    case 'warming-up':
      return { value: phase.stepsDone, max: phase.stepsTotal };
  }
}
