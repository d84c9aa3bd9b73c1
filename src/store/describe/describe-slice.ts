// The Describe view's state: the generator's status, the shared question, prefix and beam width, and each image's
// caption, answer, continuation and likelihood scores (written by the generator session, read by the view).
import type { StateCreator } from 'zustand';
import { MAX_DESCRIBE_CHARS } from '../../shared/settings';
import { IDLE } from '../model-status';
import type { DescribeImageState } from './describe-types';
import type { GeneratorSession, GeneratorStatus } from './generator-session';

export type Beams = 1 | 2 | 3 | 4;

export { MAX_DESCRIBE_CHARS };

export interface GenerationSpeed {
  tokensPerSecond: number;
  firstTokenMs: number;
}

export interface DescribeSlice {
  /** The generator's status: idle until the Describe tab first opens. */
  generatorStatus: GeneratorStatus;
  describeQuestion: string;
  describePrefix: string;
  describeBeams: Beams;
  describeByImage: Record<string, DescribeImageState>;
  /** The latest generation's speed, live while it streams. */
  generationSpeed?: GenerationSpeed;
  /** The person pressed Stop: no generation starts until an edit or "Describe again". */
  describePaused: boolean;
  /** The generator session, made when the Describe tab first opens. */
  describeSession?: GeneratorSession;
  setDescribeQuestion: (question: string) => void;
  setDescribePrefix: (prefix: string) => void;
  setDescribeBeams: (beams: Beams) => void;
  setGeneratorStatus: (status: GeneratorStatus) => void;
  setDescribeByImage: (byImage: Record<string, DescribeImageState>) => void;
  setGenerationSpeed: (speed: GenerationSpeed | undefined) => void;
  setDescribePaused: (paused: boolean) => void;
  setDescribeSession: (session: GeneratorSession) => void;
}

export const createDescribeSlice: StateCreator<DescribeSlice> = (set) => ({
  generatorStatus: IDLE,
  describeQuestion: '',
  describePrefix: '',
  describeBeams: 1,
  describeByImage: {},
  describePaused: false,
  setDescribeQuestion: (question) => set({ describeQuestion: question.slice(0, MAX_DESCRIBE_CHARS) }),
  setDescribePrefix: (prefix) => set({ describePrefix: prefix.slice(0, MAX_DESCRIBE_CHARS) }),
  setDescribeBeams: (describeBeams) => set({ describeBeams }),
  setGeneratorStatus: (generatorStatus) => set({ generatorStatus }),
  setDescribeByImage: (describeByImage) => set({ describeByImage }),
  setGenerationSpeed: (generationSpeed) => set({ generationSpeed }),
  setDescribePaused: (describePaused) => set({ describePaused }),
  setDescribeSession: (describeSession) => set({ describeSession }),
});
