import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { commissionRule, enrollment, program, programTier } from '../../db/schema/index.ts';

/** A stored commission rule. */
export type CommissionRuleRow = typeof commissionRule.$inferSelect;

/** What a partner's active enrollment in one of a vendor's programs pays, at its current tier. */
export interface CommissionTerms {
  enrollmentId: string;
  programId: string;
  programName: string;
  currency: string;
  holdingDays: number;
  tierId: string | null;
  tierName: string | null;
  rules: CommissionRuleRow[];
}

/**
 * The partner's active enrollments in the vendor's programs, each with the active rules that
 * apply to its current tier (rules without a tier apply to every tier).
 */
export async function commissionTermsFor(
  db: Db,
  vendorId: string,
  partnerId: string,
): Promise<CommissionTerms[]> {
  const enrolled = await db
    .select({
      enrollmentId: enrollment.id,
      programId: program.id,
      programName: program.name,
      currency: program.currency,
      holdingDays: program.holdingDays,
      tierId: enrollment.tierId,
      tierName: programTier.name,
    })
    .from(enrollment)
    .innerJoin(program, eq(program.id, enrollment.programId))
    .leftJoin(programTier, eq(programTier.id, enrollment.tierId))
    .where(
      and(
        eq(enrollment.organizationId, vendorId),
        eq(enrollment.partnerId, partnerId),
        eq(enrollment.status, 'active'),
      ),
    );
  if (enrolled.length === 0) return [];
  const rules = await db
    .select()
    .from(commissionRule)
    .where(
      and(
        inArray(
          commissionRule.programId,
          enrolled.map((e) => e.programId),
        ),
        eq(commissionRule.status, 'active'),
      ),
    );
  return enrolled.map((e) => ({
    ...e,
    rules: rules.filter((r) => r.programId === e.programId && (r.tierId === null || r.tierId === e.tierId)),
  }));
}
