/**
 * Certificates as the real issuer makes them: `certificates.issueOne` (on
 * convex-test) signs each credential (eddsa-rdfc-2022), bakes the PNG and SVG
 * badges, renders the PDF, writes the three files to storage and records the
 * certificate (patch, spec tables, notification, scheduled follow-ups) — per
 * certificate, and for a 500-learner cohort planned by the app's own planner
 * (one process, one certificate after another: the issuing pool runs three at a
 * time, so this is an upper bound). Each call issues one
 * certificate and the follow-ups it schedules (dashboard refresh, email) run
 * before the next, untimed: convex-test cannot store a file while another
 * function's transaction is open. A breakdown times signing, baking and the PDF
 * alone. Every run checks each certificate was issued with its three stored
 * files, so a failing issuer cannot pass as a fast one.
 */
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import type { MutationCtx } from "../convex/_generated/server";
import { BADGE_PNG_BASE64, BADGE_SVG } from "../convex/certificates/model/badgeArt";
import { bakePng, bakeSvg, base64ToBytes } from "../convex/certificates/shared/baking";
import { renderCertificatePdf } from "../convex/certificates/model/pdf";
import { planCertificates } from "../convex/certificates/model/plan";
import { signAchievementCredential } from "../convex/certificates/model/signing";
import { cohortSessionRow, courseRow, paidEnrollmentRow, userRow } from "../tests/convex/fixtures";
import { type Backend, newBackend } from "./backend";

const DAY = 86_400_000;
const SESSIONS = 4;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n: number) => Math.round(n * 10) / 10;
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50Ms: round(percentile(sorted, 50)), p95Ms: round(percentile(sorted, 95)) };
};

/** Signing, baking and the PDF alone, without storage or the database. */
async function signBakeRender(i: number) {
  const t0 = performance.now();
  const credential = await signAchievementCredential({
    credentialId: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    achievementId: "https://academy.example/courses/ai-enablement-intensive#certificate",
    name: "AI Enablement Intensive",
    description: "Completed AI Enablement Intensive (December cohort): attended 10 of 10 live sessions.",
    criteria: "Attend at least 75% of the cohort's live sessions and pass the post-course assessment.",
    imageUrl: "https://api.academy.example/credentials/x/badge.png",
    recipient: { email: `learner${i}@example.com`, name: `Łukasz Żółć ${i}` },
    salt: "a1b2c3d4",
    term: "December cohort",
    activityStartDate: Date.now() - 3 * DAY,
    activityEndDate: Date.now() - DAY,
    validFrom: Date.now(),
    status: { listUrl: "https://api.academy.example/status/1", index: i },
  });
  const t1 = performance.now();
  const json = JSON.stringify(credential);
  bakePng(base64ToBytes(BADGE_PNG_BASE64), json);
  bakeSvg(BADGE_SVG, json);
  const t2 = performance.now();
  await renderCertificatePdf({
    recipientName: `Łukasz Żółć ${i}`,
    courseTitle: "AI Enablement Intensive",
    cohortName: "December cohort",
    issuerName: "AI Enablement Academy",
    issuedOn: "November 27, 2026",
    verifyUrl: `https://academy.example/verify/${i}`,
    credentialId: credential.id,
    kind: "course",
  });
  const t3 = performance.now();
  return { sign: t1 - t0, bake: t2 - t1, pdf: t3 - t2 };
}

/** A finished cohort whose `learners` attended all of its sessions (so all earn a certificate). */
async function finishedCohort(t: Backend, learners: number, tag: string) {
  const now = Date.now();
  const { cohortId, sessionIds } = await t.run(async (ctx) => {
    const courseId = await ctx.db.insert(
      "courses",
      courseRow({ slug: `bench-certificates-${tag}`, maxParticipants: 1000, createdAt: now, updatedAt: now }),
    );
    const start = now - 10 * DAY;
    const cohortId = await ctx.db.insert("cohorts", {
      courseId,
      name: `Cohort ${tag}`,
      startDate: start,
      endDate: now - DAY,
      maxCapacity: 1000,
      currentEnrollment: learners,
      status: "in_progress",
      isB2B: false,
      timezone: "UTC",
      createdAt: now,
      updatedAt: now,
    });
    const sessionIds: Array<Id<"cohortSessions">> = [];
    for (let i = 0; i < SESSIONS; i++) {
      const startsAt = start + i * DAY;
      sessionIds.push(
        await ctx.db.insert(
          "cohortSessions",
          cohortSessionRow(cohortId, `Session ${i + 1}`, startsAt, startsAt + 3_600_000, {
            createdAt: now,
            updatedAt: now,
          }),
        ),
      );
    }
    return { courseId, cohortId, sessionIds };
  });
  const chunk = 50;
  for (let from = 0; from < learners; from += chunk) {
    await t.run(async (ctx) => {
      const cohort = (await ctx.db.get("cohorts", cohortId))!;
      for (let i = from; i < Math.min(learners, from + chunk); i++) {
        const userId = await ctx.db.insert(
          "users",
          userRow(`learner${i}@${tag}.example.com`, { name: `Łukasz Żółć ${i}`, createdAt: now, updatedAt: now }),
        );
        const enrollmentId = await ctx.db.insert(
          "enrollments",
          paidEnrollmentRow({ userId, cohortId, courseId: cohort.courseId }, now),
        );
        for (const cohortSessionId of sessionIds) {
          await ctx.db.insert("sessionAttendance", {
            cohortSessionId,
            cohortId,
            enrollmentId,
            userId,
            status: "present",
            source: "instructor",
            updatedAt: now,
          });
        }
      }
    });
  }
  return cohortId;
}

/**
 * Plans the cohort's certificates with the app's planner (pending rows, status-list slots) and returns the
 * certificates it hands the issuing pool; the benchmark issues them itself so it can time them.
 */
async function plan(t: Backend, cohortId: Id<"cohorts">) {
  const handed: Array<Id<"certificates">> = [];
  // The pool's enqueue, caught: what the planner would queue, without the pool running it.
  const runMutation = async (_fn: unknown, args: { fnArgs: { certificateId: Id<"certificates"> } }) => {
    handed.push(args.fnArgs.certificateId);
    return "work";
  };
  const { planned } = await t.run(
    async (ctx) => await planCertificates({ ...ctx, runMutation } as unknown as MutationCtx, cohortId),
  );
  return { planned, handed };
}

/** Runs the scheduled work that is due (the follow-ups of an issued certificate) to the end, on real timers. */
async function drainScheduled(t: Backend) {
  for (let round = 0; round < 500; round++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await t.finishInProgressScheduledFunctions();
    const busy = await t.run(async (ctx) =>
      (await ctx.db.system.query("_scheduled_functions").collect()).some(
        (j) => j.state.kind === "inProgress" || (j.state.kind === "pending" && j.scheduledTime <= Date.now()),
      ),
    );
    if (!busy) return;
  }
  throw new Error("scheduled follow-ups did not finish");
}

/** Issues one certificate with the real issuer; returns the issuer's time (the follow-ups run afterwards, untimed). */
async function issueOne(t: Backend, certificateId: Id<"certificates">) {
  const start = performance.now();
  await t.action(internal.certificates.issue.issueOne, { certificateId });
  const ms = performance.now() - start;
  await drainScheduled(t);
  return ms;
}

/** Throws unless every certificate of the cohort is issued with its PNG, SVG and PDF in storage. */
async function expectIssued(t: Backend, cohortId: Id<"cohorts">, expected: number) {
  const check = await t.run(async (ctx) => {
    const rows = await ctx.db
      .query("certificates")
      .withIndex("by_cohortId_and_issueStatus", (q) => q.eq("cohortId", cohortId).eq("issueStatus", "issued"))
      .collect();
    let files = 0;
    for (const row of rows) {
      for (const id of [row.badgeImageId, row.badgeSvgId, row.pdfId])
        if (id && (await ctx.db.system.get(id))) files += 1;
    }
    const failed = await ctx.db
      .query("certificates")
      .withIndex("by_cohortId_and_issueStatus", (q) => q.eq("cohortId", cohortId).eq("issueStatus", "failed"))
      .first();
    return { issued: rows.filter((r) => r.credentialJson).length, files, failed: failed?.issueError ?? null };
  });
  if (check.issued !== expected || check.files !== 3 * expected) {
    throw new Error(
      `the issuer did not finish: ${check.issued} of ${expected} certificates issued with ${check.files} of ${3 * expected} files${check.failed ? ` (failed: ${check.failed})` : ""}`,
    );
  }
}

export async function benchCertificates() {
  const exported = await (await Ed25519Multikey.generate()).export({ publicKey: true, secretKey: true });
  process.env.CREDENTIAL_PUBLIC_KEY = exported.publicKeyMultibase as string;
  process.env.CREDENTIAL_SECRET_KEY = exported.secretKeyMultibase as string;
  // Learners' emails go to the dev mailbox, as in local mode; without it each one fails for want of an email key.
  process.env.ACADEMY_LOCAL_MODE = "1";
  delete process.env.RESEND_API_KEY;

  await signBakeRender(0); // warm-up: module and font loading
  const parts = [];
  for (let i = 1; i <= 20; i++) parts.push(await signBakeRender(i));

  // One certificate per issueOne call: the issuer's whole path for one learner.
  const t = await newBackend();
  const small = await finishedCohort(t, 51, "single");
  const ids = (await plan(t, small)).handed;
  await issueOne(t, ids[0]); // warm-up: signs the status list once
  const perCertificate: number[] = [];
  for (const id of ids.slice(1)) perCertificate.push(await issueOne(t, id));
  await expectIssued(t, small, ids.length);

  // A 500-learner cohort: planned by the app (timed), then every certificate issued.
  const seedStart = performance.now();
  const cohortId = await finishedCohort(t, 500, "cohort");
  const planStart = performance.now();
  const { planned, handed } = await plan(t, cohortId);
  let cohortMs = performance.now() - planStart;
  if (planned !== 500) throw new Error(`the planner planned ${planned} certificates for 500 eligible learners`);
  if (handed.length !== 500) throw new Error(`the planner handed ${handed.length} certificates to the issuing pool`);
  for (const certificateId of handed) cohortMs += await issueOne(t, certificateId);
  await expectIssued(t, cohortId, 500);
  const cohortSeconds = cohortMs / 1000;

  const total = stats(perCertificate);
  return {
    name: "certificates: the issuer (sign, bake PNG/SVG, PDF, 3 storage writes, database records)",
    samples: perCertificate.length,
    perCertificate: total,
    breakdownWithoutStorageOrDatabase: {
      sign: stats(parts.map((p) => p.sign)),
      bake: stats(parts.map((p) => p.bake)),
      pdf: stats(parts.map((p) => p.pdf)),
    },
    cohortOf500Seconds: round(cohortSeconds),
    cohortSeedSeconds: round((planStart - seedStart) / 1000),
    targetPerCertificateMs: 100,
    targetCohortSeconds: 60,
    meetsTarget: total.p95Ms < 100 && cohortSeconds < 60,
  };
}

if (process.argv[1]?.endsWith("certificates.ts")) {
  console.log(JSON.stringify(await benchCertificates(), null, 2));
}
