/** Grade bands (national standard): 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60. */
import type { Decimal } from '../decimal.js';
import type { Grade } from '../parse/vocab.js';

export function gradeOf(total: Decimal): Grade {
  if (total.gte(90)) return '优';
  if (total.gte(80)) return '良';
  if (total.gte(60)) return '中';
  return '差';
}

const SPELLINGS: Record<string, Grade> = {
  优: '优', 优秀: '优', 良: '良', 良好: '良', 中: '中', 中等: '中', 一般: '中', 合格: '中', 差: '差', 较差: '差', 不合格: '差',
};

/** A stated grade as written ("优秀", "良") → band; null when not a grade. */
export function normaliseGrade(text: string | null): Grade | null {
  if (text === null) return null;
  return SPELLINGS[text.replace(/[\s\u3000]/g, '')] ?? null;
}

export const GRADE_RANK: Record<Grade, number> = { 优: 3, 良: 2, 中: 1, 差: 0 };
