/** Narrative text that is still the template's printed instructions, not the unit's own words. */
const INSTRUCTION = /[(（]\d{2,4}字以内[)）]|^(结合自评情况|对照年度目标|针对项目自评中发现的问题|1\.预算执行率=预算执行数)/;

export function isInstruction(text: string | null | undefined): boolean {
  return !!text && INSTRUCTION.test(text);
}

/** A reason that says something: not empty, and not the template's instructions. */
export const hasReason = (text: string | null | undefined): boolean => !!text && text.trim() !== '' && !isInstruction(text);
