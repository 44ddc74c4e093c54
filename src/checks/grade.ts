/** The stated grade must be the band of the stated total (优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60). */
import { finding } from '../findings.js';
import type { Check } from './types.js';

export const gradeCheck: Check = {
  id: 'grade',
  run({ project, figures, ref }) {
    const s = project.stated;
    if (s.grade === null || s.gradeLine === null) return [];
    if (figures.statedGrade === null) {
      return [finding('grade-unknown', s.gradeLine, { project: ref, stated: s.grade, args: { grade: s.grade } })];
    }
    const band = figures.gradeOfStatedTotal;
    if (band === null || band === figures.statedGrade) return [];
    return [
      finding('grade-mismatch', s.gradeLine, {
        project: ref,
        stated: s.grade,
        expected: band,
        calc: `${s.total!.num!.text} → ${band}`,
        args: { total: s.total!.num!.text },
      }),
    ];
  },
};
