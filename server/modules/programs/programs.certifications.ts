import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { toPage } from '../../http/pagination.ts';
import { recordActivity } from '../activity/index.ts';
import { recordAudit } from '../audit/index.ts';
import { selectOrgRefs } from '../organizations/index.ts';
import type { ServiceContext } from '../partnerships/index.ts';
import type { CertificationRow } from './programs.enrollments.repo.ts';
import * as erepo from './programs.enrollments.repo.ts';
import { evaluateTiers } from './programs.evaluate.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** Certifications as either side sees them. */
async function present(db: Db, rows: CertificationRow[]) {
  const orgs = await selectOrgRefs(
    db,
    rows.flatMap((c) => [c.organizationId, c.partnerId]),
  );
  const org = (id: string) => orgs.get(id) ?? { id, name: 'Unknown', slug: '' };
  const day = today();
  return rows.map((c) => ({
    id: c.id,
    vendor: org(c.organizationId),
    partner: org(c.partnerId),
    personName: c.personName,
    personEmail: c.personEmail,
    name: c.name,
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
    active: c.issuedOn <= day && (c.expiresOn === null || c.expiresOn > day),
    createdAt: c.createdAt,
  }));
}

/** A page of certifications: those the actor's organization recorded (as vendor) or holds (as partner). */
export async function listCertifications(
  db: Db,
  actor: MemberActor,
  query: { partnerId?: string; vendorId?: string; limit: number; cursor?: string },
) {
  const rows = await erepo.selectCertifications(db, actor.scope, {
    ...query,
    limit: query.limit + 1,
    before: query.cursor,
  });
  const page = toPage(rows, query.limit);
  return { data: await present(db, page.data), nextCursor: page.nextCursor };
}

/**
 * The vendor records a certified person at a partner enrolled (now or before) in one of its
 * programs; the pair's tiers are evaluated afterwards (certified people count toward them).
 */
export async function recordCertification(
  ctx: ServiceContext,
  actor: MemberActor,
  input: {
    partnerId: string;
    personName: string;
    personEmail: string;
    name: string;
    issuedOn: string;
    expiresOn: string | null;
  },
) {
  authorize(actor, 'programs.review');
  const row = await ctx.db.transaction(async (tx) => {
    if (!(await erepo.everEnrolled(tx, actor.orgId, input.partnerId)))
      throw invalidInput('This organization is not enrolled in any of your programs', 'partnerId');
    const created = await erepo.insertCertification(tx, {
      id: newId(),
      organizationId: actor.orgId,
      ...input,
      personEmail: input.personEmail.trim(),
    });
    if (!created)
      throw new AppError('already_exists', `${input.personEmail} already holds ${input.name} from you`, {
        field: 'personEmail',
      });
    await recordAudit(tx, actor, {
      action: 'program.certification_recorded',
      targetType: 'certification',
      targetId: created.id,
      data: { partnerId: input.partnerId, name: input.name },
    });
    await recordActivity(tx, {
      organizationId: input.partnerId,
      kind: 'certification.earned',
      source: 'programs',
      data: { certificationId: created.id, vendorId: actor.orgId, name: input.name },
    });
    return created;
  });
  await evaluateTiers(ctx, { vendorId: actor.orgId, partnerId: input.partnerId });
  const [presented] = await present(ctx.db, [row]);
  return presented!;
}

/** The vendor deletes a certification it recorded (a mistake); the pair's tiers are re-evaluated. */
export async function deleteCertification(ctx: ServiceContext, actor: MemberActor, id: string) {
  authorize(actor, 'programs.review');
  const row = await ctx.db.transaction(async (tx) => {
    const c = await erepo.selectOwnCertification(tx, actor.scope, id);
    if (!c) throw notFound('Certification');
    await erepo.deleteCertification(tx, id);
    await recordAudit(tx, actor, {
      action: 'program.certification_deleted',
      targetType: 'certification',
      targetId: id,
      data: { partnerId: c.partnerId, personEmail: c.personEmail, name: c.name },
    });
    return c;
  });
  await evaluateTiers(ctx, { vendorId: actor.orgId, partnerId: row.partnerId });
}
