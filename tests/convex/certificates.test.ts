import { verifyCredential as dccVerify } from "@digitalcredentials/verifier-core";
import Ajv2020 from "ajv/dist/2020.js";
import type { GenericDataModel, GenericMutationCtx } from "convex/server";
import { describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { BADGE_PNG_BASE64, BADGE_SVG } from "../../convex/certificates/model/badgeArt";
import { base64ToBytes, bakePng, bakeSvg, extractPng, extractSvg } from "../../convex/certificates/shared/baking";
import { ACHIEVEMENT_CREDENTIAL_SCHEMA } from "../../convex/certificates/shared/achievementCredentialSchema";
import { signAchievementCredential } from "../../convex/certificates/model/signing";
import { structureCheck } from "../../convex/certificates/shared/openBadges";
import {
  API,
  certificateOf,
  credentialInput,
  DAY,
  runScheduled,
  seedFinishedCohort,
  SITE,
  useCredentialEnv,
} from "./certificate-helpers";
import { as, type T } from "./checkout-helpers";
import { expectAppError, newTest } from "./helpers";

const env = useCredentialEnv();

/** Attempts the issuing pool has finished on the work it still holds (its `work` rows go when work completes). */
async function poolAttempts(t: T) {
  const pool = t as unknown as {
    runInComponent: <R>(path: string, fn: (ctx: GenericMutationCtx<GenericDataModel>) => Promise<R>) => Promise<R>;
  };
  const work = await pool.runInComponent("certificateIssuing", async (ctx) => await ctx.db.query("work").collect());
  return work.reduce((sum, w) => sum + (w.attempts as number), 0);
}

async function finishedCohort(t: T) {
  env.current = t;
  return await seedFinishedCohort(t);
}

// Signing, baking and PDF rendering run for real here; the edge runtime is slower than Convex's.
vi.setConfig({ testTimeout: 30_000 });

describe("issuing", () => {
  test("a completed cohort certifies those who met the rules, one by one in the issuing pool, with signed, baked and printable files", async () => {
    const t = newTest();
    const { cohortId, learners, adminId } = await finishedCohort(t);
    vi.setSystemTime(Date.now() + 2 * DAY); // past the cohort's end
    await t.mutation(internal.catalog.cohorts.advanceStatuses, {});
    expect((await certificateOf(t, learners[0]))!.issueStatus).toBe("pending");
    await runScheduled(t);

    const progress = await as(t, adminId).query(api.certificates.plan.forCohort, { cohortId });
    expect(progress).toMatchObject({ learners: 3, issued: 2, pending: 0, failed: 0 });
    expect(progress.rows.find((r) => r.email === "buyer1@example.com")).toMatchObject({
      notEligibleReason: "Attended 2 of 4 sessions (50%); 75% needed.",
    });

    const certificate = (await certificateOf(t, learners[0]))!;
    const credential = JSON.parse(certificate.credentialJson!);
    expect(credential["@context"]).toEqual([
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
    ]);
    expect(credential).toMatchObject({
      id: `urn:uuid:${certificate.publicId}`,
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      issuer: { id: `did:key:${env.keys.publicKeyMultibase}`, type: ["Profile"], name: "AI Enablement Academy" },
      credentialSchema: [{ type: "1EdTechJsonSchemaValidator2019" }],
      credentialStatus: {
        type: "BitstringStatusListEntry",
        statusPurpose: "revocation",
        statusListCredential: `${API}/status/1`,
        statusListIndex: String(certificate.statusListIndex),
      },
      proof: { type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022", proofPurpose: "assertionMethod" },
    });
    expect(credential.credentialSubject).toMatchObject({
      type: ["AchievementSubject"],
      term: "December cohort",
      achievement: {
        type: ["Achievement"],
        name: "AI Enablement Intensive",
        image: { id: `${API}/credentials/${certificate.publicId}/badge.png`, type: "Image" },
      },
    });
    // No email in the credential: a salted hash of it.
    const [identifier] = credential.credentialSubject.identifier;
    const digest = await crypto.subtle.digest(
      "SHA-256",
      new TextEncoder().encode(`buyer0@example.com${identifier.salt}`),
    );
    expect(identifier.identityHash).toBe(`sha256$${Buffer.from(digest).toString("hex")}`);
    expect(certificate.credentialJson).not.toContain("buyer0@example.com");

    // Files: the PNG and SVG carry the credential byte for byte; the PDF is a PDF.
    const png = new Uint8Array(await (await t.fetch(`/credentials/${certificate.publicId}/badge.png`)).arrayBuffer());
    expect(extractPng(png)).toBe(certificate.credentialJson);
    expect(bakePng(png, certificate.credentialJson!)).toEqual(png);
    const svg = await (await t.fetch(`/credentials/${certificate.publicId}/badge.svg`)).text();
    expect(extractSvg(svg)).toBe(certificate.credentialJson);
    expect(bakeSvg(svg, certificate.credentialJson!)).toBe(svg);
    const pdf = await t.fetch(`/credentials/${certificate.publicId}/certificate.pdf`);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
    const json = await t.fetch(`/credentials/${certificate.publicId}`);
    expect(await json.text()).toBe(certificate.credentialJson);

    // The learner was told, and sees it.
    const mine = await as(t, learners[0]).query(api.certificates.holders.mine, {});
    expect(mine).toMatchObject([
      { publicId: certificate.publicId, name: "AI Enablement Intensive", revoked: false, issueStatus: "issued" },
    ]);
    const view = await t.query(api.certificates.verify.publicView, { publicId: certificate.publicId });
    expect(view).toMatchObject({
      recipientName: "Łukasz Żółć",
      issuerName: "AI Enablement Academy",
      verifyUrl: `${SITE}/verify/${certificate.publicId}`,
    });
    expect(view!.linkedInAddUrl).toContain("startTask=CERTIFICATION_NAME");

    // Issuing again changes nothing.
    expect(await as(t, adminId).mutation(api.certificates.plan.issueForCohort, { cohortId })).toEqual({
      planned: 0,
      retried: 0,
      notEligible: 1,
    });
    await expectAppError(
      as(t, learners[0]).mutation(api.certificates.plan.issueForCohort, { cohortId }),
      "NOT_PLATFORM_ADMIN",
    );
  });

  test("the issuing pool retries a failed attempt: certificates whose first signing failed are issued by the next", async () => {
    const t = newTest();
    const { cohortId, adminId } = await finishedCohort(t);
    vi.useRealTimers(); // the pool schedules retries by the clock: let it run
    vi.stubEnv("CREDENTIAL_SECRET_KEY", "");
    await as(t, adminId).mutation(api.certificates.plan.issueForCohort, { cohortId });
    // Wait until the pool has seen an attempt fail, then give the issuer its key back.
    for (let i = 0; (await poolAttempts(t)) === 0; i++) {
      if (i > 500) throw new Error("No attempt failed.");
      await new Promise((resolve) => setTimeout(resolve, 20));
      await t.finishInProgressScheduledFunctions();
    }
    vi.stubEnv("CREDENTIAL_SECRET_KEY", env.keys.secretKeyMultibase);
    await runScheduled(t);
    expect(await as(t, adminId).query(api.certificates.plan.forCohort, { cohortId })).toMatchObject({
      issued: 2,
      pending: 0,
      failed: 0,
    });
  });

  test("a certificate that fails every attempt is marked failed with the reason, and issuing again retries it", async () => {
    const t = newTest();
    const { cohortId, learners, adminId } = await finishedCohort(t);
    vi.useRealTimers(); // the pool schedules retries by the clock: let it run
    vi.stubEnv("CREDENTIAL_SECRET_KEY", "");
    await as(t, adminId).mutation(api.certificates.plan.issueForCohort, { cohortId });
    await runScheduled(t);
    expect(await as(t, adminId).query(api.certificates.plan.forCohort, { cohortId })).toMatchObject({
      issued: 0,
      pending: 0,
      failed: 2,
    });
    expect((await certificateOf(t, learners[0]))!.issueError).toContain("CREDENTIAL_SECRET_KEY are not set");
    const failedRows = (await as(t, adminId).query(api.certificates.plan.forCohort, { cohortId })).rows.filter(
      (row) => row.issueStatus === "failed",
    );
    expect(failedRows.map((row) => row.issueError)).toEqual([
      expect.stringContaining("certificates cannot be signed"),
      expect.stringContaining("certificates cannot be signed"),
    ]);

    vi.stubEnv("CREDENTIAL_SECRET_KEY", env.keys.secretKeyMultibase);
    expect(await as(t, adminId).mutation(api.certificates.plan.issueForCohort, { cohortId })).toMatchObject({
      retried: 2,
    });
    await runScheduled(t);
    expect(await as(t, adminId).query(api.certificates.plan.forCohort, { cohortId })).toMatchObject({
      issued: 2,
      pending: 0,
      failed: 0,
    });
    expect((await certificateOf(t, learners[0]))!.issueError).toBeUndefined();
  });
});

describe("verification", () => {
  async function issued(t: T) {
    const { cohortId, learners, adminId } = await finishedCohort(t);
    await as(t, adminId).mutation(api.certificates.plan.issueForCohort, { cohortId });
    await runScheduled(t);
    return { certificate: (await certificateOf(t, learners[0]))!, adminId };
  }
  const dccOk = (result: Awaited<ReturnType<typeof dccVerify>>, id: string) =>
    result.log?.find((step) => step.id === id)?.valid;

  test("two independent verifiers accept a fresh certificate and refuse a changed one", async () => {
    const t = newTest();
    const { certificate } = await issued(t);
    const ours = await t.action(api.certificates.verify.verifyStored, { publicId: certificate.publicId });
    const did = `did:key:${env.keys.publicKeyMultibase}`;
    expect(ours).toEqual({
      verified: true,
      issuedByAcademy: true,
      signer: did,
      checks: [
        { check: "structure", ok: true, message: "A valid Open Badges 3.0 AchievementCredential (VC 2.0)." },
        { check: "signature", ok: true, message: `Valid eddsa-rdfc-2022 signature by ${did}.` },
        { check: "issuer", ok: true, message: `Issued by AI Enablement Academy (${did}).` },
        {
          check: "record",
          ok: true,
          message: `Matches the credential this academy issued (urn:uuid:${certificate.publicId}).`,
        },
        { check: "dates", ok: true, message: "Does not expire." },
        { check: "status", ok: true, message: "Not revoked." },
      ],
    });
    const credential = JSON.parse(certificate.credentialJson!);
    const dcc = await dccVerify({ credential, knownDIDRegistries: [] });
    expect(dcc.errors ?? []).toEqual([]);
    expect(dccOk(dcc, "valid_signature")).toBe(true);
    expect(dccOk(dcc, "revocation_status")).toBe(true);
    expect(dccOk(dcc, "expiration")).toBe(true);

    const changed = {
      ...credential,
      credentialSubject: {
        ...credential.credentialSubject,
        achievement: { ...credential.credentialSubject.achievement, name: "AI Grandmaster" },
      },
    };
    const oursChanged = await t.action(api.certificates.verify.verifyCredentialJson, {
      credentialJson: JSON.stringify(changed),
    });
    expect(oursChanged.verified).toBe(false);
    expect(oursChanged.checks.find((c) => c.check === "signature")).toMatchObject({ ok: false });
    const dccChanged = await dccVerify({ credential: changed, knownDIDRegistries: [] });
    expect(dccChanged.errors?.map((e) => e.name)).toEqual(["invalid_signature"]);

    // The same checks over HTTP, for a PNG with the credential baked in.
    const png = bakePng(base64ToBytes(BADGE_PNG_BASE64), certificate.credentialJson!);
    const response = await t.fetch("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "image/png" },
      body: png,
    });
    expect(await response.json()).toMatchObject({ verified: true });
    const svgResponse = await t.fetch("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "image/svg+xml" },
      body: bakeSvg(BADGE_SVG, JSON.stringify(changed)),
    });
    expect(await svgResponse.json()).toMatchObject({ verified: false });
  });

  test("an expired certificate is refused by both verifiers", async () => {
    const t = newTest();
    env.current = t;
    await issued(t); // signs the status list
    const expired = await signAchievementCredential(
      credentialInput({ validFrom: Date.now() - 400 * DAY, validUntil: Date.now() - DAY }),
    );
    const ours = await t.action(api.certificates.verify.verifyCredentialJson, {
      credentialJson: JSON.stringify(expired),
    });
    expect(ours.verified).toBe(false);
    expect(ours.checks.map((c) => [c.check, c.ok])).toEqual([
      ["structure", true],
      ["signature", true],
      ["issuer", true],
      ["record", false],
      ["dates", false],
      ["status", true],
    ]);
    const dcc = await dccVerify({ credential: expired as never, knownDIDRegistries: [] });
    expect(dccOk(dcc, "valid_signature")).toBe(true);
    expect(dccOk(dcc, "expiration")).toBe(false);
  });

  test("a revoked certificate is refused by both verifiers; the learner is told why", async () => {
    const t = newTest();
    const { certificate, adminId } = await issued(t);
    await expectAppError(
      as(t, adminId).mutation(api.certificates.revocation.revoke, { certificateId: certificate._id, reason: "no" }),
      "INVALID_INPUT",
    );
    await as(t, adminId).mutation(api.certificates.revocation.revoke, {
      certificateId: certificate._id,
      reason: "Attendance records were corrected.",
    });
    await runScheduled(t); // re-signs the list
    const ours = await t.action(api.certificates.verify.verifyStored, { publicId: certificate.publicId });
    expect(ours!.checks.find((c) => c.check === "status")).toEqual({
      check: "status",
      ok: false,
      message: "Revoked by the issuer.",
    });
    const dcc = await dccVerify({ credential: JSON.parse(certificate.credentialJson!), knownDIDRegistries: [] });
    expect(dccOk(dcc, "valid_signature")).toBe(true);
    expect(dccOk(dcc, "revocation_status")).toBe(false);
    const view = await t.query(api.certificates.verify.publicView, { publicId: certificate.publicId });
    expect(view!.revocationReason).toBe("Attendance records were corrected.");
    const notes = await t.run(async (ctx) =>
      ctx.db
        .query("notifications")
        .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", certificate.userId))
        .collect(),
    );
    expect(notes.map((n) => n.title)).toContain("Certificate revoked: AI Enablement Intensive");
    // Another certificate in the same list stays valid.
    const other = (await t.run(async (ctx) => ctx.db.query("certificates").collect())).find(
      (c) => c._id !== certificate._id,
    )!;
    expect((await t.action(api.certificates.verify.verifyStored, { publicId: other.publicId }))!.verified).toBe(true);
  });
});

describe("expiry", () => {
  test("learners are reminded 60 and 30 days ahead, once each, with a way to renew", async () => {
    const t = newTest();
    const { cohortId, courseId, learners, adminId } = await finishedCohort(t);
    await t.run(async (ctx) =>
      ctx.db.patch("courses", courseId, { certificateRules: { minAttendancePercent: 75, validityMonths: 3 } }),
    );
    await as(t, adminId).mutation(api.certificates.plan.issueForCohort, { cohortId });
    await runScheduled(t);
    const expiresAt = (await certificateOf(t, learners[0]))!.expiresAt!;
    const reminders = async () =>
      (
        await t.run(async (ctx) =>
          ctx.db
            .query("notifications")
            .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", learners[0]))
            .collect(),
        )
      ).filter((n) => n.title.startsWith("Your certificate expires"));
    vi.setSystemTime(expiresAt - 61 * DAY);
    await t.mutation(internal.certificates.holders.remindExpiring, {});
    expect(await reminders()).toHaveLength(0);
    vi.setSystemTime(expiresAt - 59 * DAY);
    await t.mutation(internal.certificates.holders.remindExpiring, {});
    await t.mutation(internal.certificates.holders.remindExpiring, {});
    expect((await reminders()).map((n) => n.url)).toEqual(["/courses/intensive"]);
    vi.setSystemTime(expiresAt - 29 * DAY);
    await t.mutation(internal.certificates.holders.remindExpiring, {});
    expect(await reminders()).toHaveLength(2);
  });
});

/**
 * The course develops Prompt Engineering (a skill badge) and is the last required course of the AI Foundations
 * Track, whose other course learner 0 finished earlier (a path certificate for learner 0 only).
 */
async function skillAndPath(t: T, courseId: Id<"courses">, learners: Array<Id<"users">>) {
  const { skillId, otherCourseId, pathId } = await t.run(async (ctx) => {
    const skillId = await ctx.db.insert("skills", {
      name: "Prompt Engineering",
      slug: "prompt-engineering",
      description: "",
      category: "technical",
      level: "practitioner",
      isActive: true,
      sortOrder: 0,
      createdAt: 1,
      updatedAt: 1,
    });
    await ctx.db.insert("courseSkills", { courseId, skillId, skillLevel: "develops", weight: 100, createdAt: 1 });
    const otherCourseId = await ctx.db.insert("courses", {
      title: "AI Fundamentals",
      description: "",
      slug: "fundamentals",
      sessionType: "cohort",
      priceB2C: 1,
      priceB2B: 1,
      maxParticipants: 20,
      impactLevel: "L1",
      capabilityLevel: "fundamentals",
      status: "published",
      createdAt: 1,
      updatedAt: 1,
    });
    const pathId = await ctx.db.insert("learningPaths", {
      title: "AI Foundations Track",
      slug: "ai-foundations-track",
      description: "",
      shortDescription: "",
      targetAudience: "individual",
      estimatedDuration: "2 months",
      totalCourses: 2,
      totalHours: 20,
      skillIds: [skillId],
      outcomes: [],
      pricingModel: "individual",
      isActive: true,
      isFeatured: false,
      sortOrder: 0,
      enrollmentCount: 1,
      completionCount: 0,
      createdAt: 1,
      updatedAt: 1,
    });
    for (const [i, id] of [otherCourseId, courseId].entries()) {
      await ctx.db.insert("learningPathSteps", {
        pathId,
        courseId: id,
        stepNumber: i + 1,
        isRequired: true,
        unlockRule: "immediate",
        createdAt: 1,
      });
    }
    await ctx.db.insert("userPathEnrollments", {
      userId: learners[0],
      pathId,
      status: "active",
      completedSteps: [],
      progressPercent: 50,
      enrolledAt: 1,
      paymentType: "individual",
      createdAt: 1,
      updatedAt: 1,
    });
    return { skillId, otherCourseId, pathId };
  });
  // Learner 0 finished the path's other course earlier (learner 2 did not).
  await t.run(async (ctx) => {
    const enrollment = (await ctx.db
      .query("enrollments")
      .withIndex("by_userId_and_courseId", (q) => q.eq("userId", learners[0]))
      .first())!;
    const otherCohort = await ctx.db.insert("cohorts", {
      courseId: otherCourseId,
      name: "Fundamentals (spring)",
      startDate: 1,
      endDate: 2,
      maxCapacity: 10,
      currentEnrollment: 1,
      status: "completed",
      isB2B: false,
      createdAt: 1,
      updatedAt: 1,
    });
    const otherEnrollment = await ctx.db.insert("enrollments", {
      ...enrollment,
      _id: undefined,
      _creationTime: undefined,
      cohortId: otherCohort,
      courseId: otherCourseId,
    } as never);
    await ctx.db.insert("certificates", {
      enrollmentId: otherEnrollment,
      userId: learners[0],
      courseId: otherCourseId,
      cohortId: otherCohort,
      issuedAt: 1,
      kind: "course",
      publicId: "00000000-0000-4000-8000-000000000001",
      issueStatus: "issued",
      verificationUrl: "x",
      linkedInShareUrl: "x",
      badgeData: {
        credentialId: "urn:uuid:x",
        type: [],
        issuerId: "",
        issuerName: "",
        achievementId: "",
        name: "AI Fundamentals",
        description: "",
        criteriaNarrative: "",
        validFrom: "",
      },
      createdAt: 1,
    });
  });
  return { skillId, otherCourseId, pathId };
}

describe("skill badges and path certificates", () => {
  test("completing a course that develops a skill and finishes a path earns a signed skill badge and path certificate, once", async () => {
    const t = newTest();
    const { cohortId, courseId, learners, adminId } = await finishedCohort(t);
    const { skillId, pathId } = await skillAndPath(t, courseId, learners);

    vi.setSystemTime(Date.now() + 2 * DAY);
    await as(t, adminId).mutation(api.certificates.plan.issueForCohort, { cohortId });
    await runScheduled(t);

    const credentials = async (userId: Id<"users">) =>
      await t.run(async (ctx) =>
        (
          await ctx.db
            .query("certificates")
            .withIndex("by_userId", (q) => q.eq("userId", userId))
            .collect()
        ).filter((c) => c.cohortId === cohortId),
      );
    const mine = await credentials(learners[0]);
    expect(mine.map((c) => [c.kind, c.badgeData.name, c.issueStatus]).sort()).toEqual([
      ["course", "AI Enablement Intensive", "issued"],
      ["path", "AI Foundations Track", "issued"],
      ["skill", "Prompt Engineering — Practitioner", "issued"],
    ]);
    const skill = mine.find((c) => c.kind === "skill")!;
    const path = mine.find((c) => c.kind === "path")!;
    const skillCredential = JSON.parse(skill.credentialJson!);
    expect(skillCredential.issuer.id).toBe(`did:key:${env.keys.publicKeyMultibase}`);
    expect(skillCredential.credentialSubject.achievement).toMatchObject({
      achievementType: "Competency",
      name: "Prompt Engineering — Practitioner",
    });
    // The path certificate names its courses and the skills achieved (the skill badge signed beside it counts).
    expect(JSON.parse(path.credentialJson!).credentialSubject.achievement).toMatchObject({
      achievementType: "Certificate",
      name: "AI Foundations Track",
      description:
        "Completed every required course of the AI Foundations Track: AI Fundamentals, AI Enablement Intensive. " +
        "Skills achieved: Prompt Engineering (Practitioner).",
    });
    expect(await t.query(api.certificates.verify.publicView, { publicId: skill.publicId })).toMatchObject({
      kind: "skill",
      name: "Prompt Engineering — Practitioner",
    });
    for (const credential of [skill, path]) {
      expect(await t.action(api.certificates.verify.verifyStored, { publicId: credential.publicId })).toMatchObject({
        verified: true,
      });
      const dcc = await dccVerify({ credential: JSON.parse(credential.credentialJson!), knownDIDRegistries: [] });
      expect(dcc.errors ?? []).toEqual([]);
    }

    // The spec's tables follow, and the learner's skill level rises.
    const spec = await t.run(async (ctx) => ({
      badges: await ctx.db.query("skillBadges").collect(),
      paths: await ctx.db.query("pathCertificates").collect(),
      enrollment: await ctx.db.query("userPathEnrollments").first(),
      level: await ctx.db
        .query("userSkillProgress")
        .withIndex("by_userId_and_skillId", (q) => q.eq("userId", learners[0]).eq("skillId", skillId))
        .unique(),
    }));
    expect(spec.badges.filter((b) => b.userId === learners[0])).toEqual([
      expect.objectContaining({ skillId, level: "practitioner", publicUrl: skill.verificationUrl }),
    ]);
    expect(spec.paths).toEqual([
      expect.objectContaining({
        userId: learners[0],
        pathId,
        certificateNumber: `PATH-${new Date(path.issuedAt).getUTCFullYear()}-000001`,
        skillsAchieved: [{ skillId, level: "practitioner" }],
      }),
    ]);
    expect(spec.enrollment).toMatchObject({ status: "completed", progressPercent: 100 });
    expect(spec.level).toMatchObject({ currentLevel: "practitioner" });

    // Learner 2 met the course rules but has not done the path's other course: a skill badge, no path certificate.
    expect((await credentials(learners[2])).map((c) => c.kind).sort()).toEqual(["course", "skill"]);
    // Learner 1 did not meet the rules: nothing. Issuing again adds nothing.
    expect(await credentials(learners[1])).toEqual([]);
    expect(await as(t, adminId).mutation(api.certificates.plan.issueForCohort, { cohortId })).toMatchObject({
      planned: 0,
    });
    // The admin's cohort view still lists one course certificate per learner.
    const panel = await as(t, adminId).query(api.certificates.plan.forCohort, { cohortId });
    expect(panel).toMatchObject({ learners: 3, issued: 2 });
    expect(
      panel.rows
        .find((r) => r.email === "buyer0@example.com")!
        .extras.map((e) => e.name)
        .sort(),
    ).toEqual(["AI Foundations Track", "Prompt Engineering — Practitioner"]);
  });
});

describe("#16 certificates are planned, then issued", () => {
  test("#16 the learner's skill level rises when the skill badge is issued, not when it is planned", async () => {
    const t = newTest();
    const { cohortId, courseId, learners, adminId } = await finishedCohort(t);
    const { skillId } = await skillAndPath(t, courseId, learners);
    vi.setSystemTime(Date.now() + 2 * DAY);
    await as(t, adminId).mutation(api.certificates.plan.issueForCohort, { cohortId });
    const level = async () =>
      await t.run(async (ctx) =>
        ctx.db
          .query("userSkillProgress")
          .withIndex("by_userId_and_skillId", (q) => q.eq("userId", learners[0]).eq("skillId", skillId))
          .unique(),
      );
    const badge = async () =>
      (
        await t.run(async (ctx) =>
          ctx.db
            .query("certificates")
            .withIndex("by_userId", (q) => q.eq("userId", learners[0]))
            .collect(),
        )
      ).find((c) => c.kind === "skill");
    // Planned: the badge is pending and the level has not moved.
    expect(await badge()).toMatchObject({ issueStatus: "pending" });
    expect(await level()).toBeNull();
    await runScheduled(t);
    expect(await badge()).toMatchObject({ issueStatus: "issued" });
    expect(await level()).toMatchObject({ currentLevel: "practitioner", evidenceCount: 1 });
  });
});

describe("#15.4 every credential we issue has the OB 3.0 AchievementCredential structure", () => {
  test("#15.4 every issued course certificate, skill badge and path certificate matches our JSON Schema, and the verify result says so", async () => {
    const t = newTest();
    const { cohortId, courseId, learners, adminId } = await finishedCohort(t);
    await skillAndPath(t, courseId, learners);
    vi.setSystemTime(Date.now() + 2 * DAY);
    await as(t, adminId).mutation(api.certificates.plan.issueForCohort, { cohortId });
    await runScheduled(t);
    const issued = await t.run(async (ctx) =>
      (await ctx.db.query("certificates").collect()).filter((c) => c.cohortId === cohortId),
    );
    expect(issued.map((c) => c.kind).sort()).toEqual(["course", "course", "path", "skill", "skill"]);
    // The schema compiled here, at test time, by Ajv (draft 2020-12, strict), independently of the validator the
    // verifier ships.
    const validate = new Ajv2020({ strictTuples: false, allErrors: true }).compile(ACHIEVEMENT_CREDENTIAL_SCHEMA);
    for (const certificate of issued) {
      const credential = JSON.parse(certificate.credentialJson!);
      expect(validate(credential) ? [] : validate.errors, `${certificate.kind}: ${certificate.badgeData.name}`).toEqual(
        [],
      );
      expect(structureCheck(credential)).toMatchObject({ check: "structure", ok: true });
      const result = await t.action(api.certificates.verify.verifyStored, { publicId: certificate.publicId });
      expect(result!.checks[0]).toEqual({
        check: "structure",
        ok: true,
        message: "A valid Open Badges 3.0 AchievementCredential (VC 2.0).",
      });
    }
  });
});
