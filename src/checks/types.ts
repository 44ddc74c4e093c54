import type { RoundingMode } from '../decimal.js';
import type { Finding, ProjectRef } from '../findings.js';
import type { Project } from '../model.js';
import type { Analysis, Recomputed } from '../score/engine.js';

/** What a check sees: the records, the mode-independent analysis and the recomputed figures. */
export interface CheckContext {
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
