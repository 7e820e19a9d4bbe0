import { z } from 'zod';

const ROMAN = ['I', 'II', 'III', 'IV', 'V'] as const;
export type SectionCode = (typeof ROMAN)[number];

const nfc = (s: string) => s === s.normalize('NFC');
const text = z.string().min(1).refine(nfc, 'text must be NFC');
const taskCode = z.string().regex(/^(I|II|III|IV|V)(\.\d+){1,2}$/, 'task code like II.3 or III.1.2');

export const agencySchema = z.object({
  code: z.string().regex(/^[A-Z_]+$/),
  name: text,
  short: text,
  aliases: z.array(text),
  kind: z.enum(['agency', 'group']),
  // What the 2025 reorganisation did to it: merged/split/renamed/abolished point at `successors`.
  change: z.enum(['unchanged', 'merged', 'split', 'renamed', 'abolished', 'new']),
  successors: z.array(z.string()),
  confirmed: z.boolean(),
  inPlan: z.boolean(),
});
export type AgencySeed = z.infer<typeof agencySchema>;

export const taskSchema = z.object({
  code: taskCode,
  parent: taskCode.optional(),
  content: text,
  lead: z.array(text).min(1),
  leadAgencies: z.array(z.string()).min(1),
  coordinating: z.array(text),
  coordinatingAgencies: z.array(z.string()),
  timeline: z.string().refine(nfc),
});
export type TaskSeed = z.infer<typeof taskSchema>;

export const planSchema = z.object({
  identity: z.object({
    number: text,
    issuedOn: z.iso.date(),
    issuer: text,
    signer: text,
    signerTitle: text,
    title: text,
    implements: z.array(text).min(1),
    purpose: text,
    reportingRule: text,
    reportDueDay: z.number().int().min(1).max(31),
    reportDueMonth: z.number().int().min(1).max(12),
    coordinatorAgency: z.string(),
    targets2030: z.array(text).min(1),
    targets2045: z.array(text).min(1),
  }),
  sections: z.array(z.object({ code: z.enum(ROMAN), order: z.number().int(), title: text })).length(5),
  headings: z.array(z.object({ code: taskCode, section: z.enum(ROMAN), content: text })),
  tasks: z.array(taskSchema).min(1),
});
export type PlanSeed = z.infer<typeof planSchema>;

export function sectionOf(code: string): SectionCode {
  return code.split('.')[0] as SectionCode;
}

/**
 * Validates the plan and the registry together; cross-references (unique codes, every agency
 * named by a task or as a successor exists) are what zod's shape checks cannot see.
 */
export function validatePlan(plan: unknown, agencies: unknown): { plan: PlanSeed; agencies: AgencySeed[] } {
  const p = planSchema.parse(plan);
  const a = z.array(agencySchema).parse(agencies);
  const problems: string[] = [];
  const agencyCodes = new Set<string>();
  for (const ag of a) {
    if (agencyCodes.has(ag.code)) problems.push(`duplicate agency ${ag.code}`);
    agencyCodes.add(ag.code);
  }
  for (const ag of a) {
    for (const s of ag.successors) if (!agencyCodes.has(s)) problems.push(`agency ${ag.code}: unknown successor ${s}`);
    if (ag.change !== 'unchanged' && ag.change !== 'new' && ag.successors.length === 0)
      problems.push(`agency ${ag.code}: ${ag.change} but no successor`);
  }
  const codes = new Set<string>();
  const headings = new Set(p.headings.map((h) => h.code));
  for (const t of p.tasks) {
    if (codes.has(t.code) || headings.has(t.code)) problems.push(`duplicate task code ${t.code}`);
    codes.add(t.code);
    if (t.parent && !headings.has(t.parent)) problems.push(`task ${t.code}: unknown parent ${t.parent}`);
    for (const c of [...t.leadAgencies, ...t.coordinatingAgencies])
      if (!agencyCodes.has(c)) problems.push(`task ${t.code}: unknown agency ${c}`);
  }
  if (!agencyCodes.has(p.identity.coordinatorAgency)) problems.push('unknown coordinator agency');
  if (problems.length) throw new Error(`Plan data is invalid:\n- ${problems.join('\n- ')}`);
  return { plan: p, agencies: a };
}
