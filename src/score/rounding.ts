/** Choosing the rounding mode that explains a file's stated figures. */
import { ROUNDING_MODES, type RoundingMode } from '../decimal.js';
import { roundingMissesByMode, type Analysis } from './engine.js';

export type RoundingSetting = 'auto' | RoundingMode;
export const ROUNDING_SETTINGS: readonly RoundingSetting[] = ['auto', ...ROUNDING_MODES];

export interface RoundingChoice {
  mode: RoundingMode;
  /** What was asked for: `auto` or a fixed mode. */
  requested: RoundingSetting;
  /** Stated rates and execution scores each mode does not reproduce exactly. */
  misses: Record<RoundingMode, number>;
  /** Under auto: true when no single mode reproduces every stated figure. */
  ambiguous: boolean;
}

// When the figures do not tell the modes apart, the common convention wins.
const PREFERENCE: readonly RoundingMode[] = ['half-up', 'truncate', 'ceil'];

/** Running tally, so a stream can decide from the figures collected along the way. */
export class RoundingTally {
  readonly misses: Record<RoundingMode, number> = { truncate: 0, 'half-up': 0, ceil: 0 };
  add(a: Pick<Analysis, 'rates' | 'execScore' | 'execScoreFromStatedRate'>): void {
    const by = roundingMissesByMode(a);
    ROUNDING_MODES.forEach((m, i) => (this.misses[m] += by[i]!));
  }
  choose(requested: RoundingSetting): RoundingChoice {
    const misses = { ...this.misses };
    if (requested !== 'auto') return { mode: requested, requested, misses, ambiguous: false };
    let best = PREFERENCE[0]!;
    for (const m of PREFERENCE) if (misses[m] < misses[best]) best = m;
    return { mode: best, requested, misses, ambiguous: misses[best] > 0 };
  }
}
