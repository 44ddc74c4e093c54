import type { RoundingMode } from '../decimal.js';
import type { Finding, ProjectRef } from '../findings.js';
import type { Project } from '../model.js';
import type { Analysis, Recomputed } from '../score/engine.js';

/** The judgement thresholds a reviewer may set (configuration `budgetChange`). */
export interface CheckPolicy {
  /** A 年初 → 全年 budget change above this fraction wants an explanation (default 0.10). */
  budgetChange: number;
}

export const DEFAULT_POLICY: CheckPolicy = { budgetChange: 0.1 };

/** What a check sees: the records, the mode-independent analysis and the recomputed figures. */
export interface CheckContext {
  policy: CheckPolicy;
  project: Project;
  analysis: Analysis;
  figures: Recomputed;
  mode: RoundingMode;
  ref: ProjectRef;
  /** False for a table with no self-scores at all: score checks stay silent. */
  selfScored: boolean;
}

/** A check is a pure function from a context to findings. */
export interface Check {
  id: string;
  run(ctx: CheckContext): Finding[];
}
