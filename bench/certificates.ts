/**
 * Certificates: per-certificate time to sign (eddsa-rdfc-2022), bake the PNG
 * and SVG badges and render the PDF — the work `certificates.issueBatch` does —
 * and the time to do it for a 500-learner cohort in one process (Convex runs
 * the 20 batches of 25 as parallel actions, so this is an upper bound).
 */
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { BADGE_PNG_BASE64, BADGE_SVG } from "../convex/model/assets/badgeArt";
import { bakePng, bakeSvg, base64ToBytes } from "../convex/model/baking";
import { renderCertificatePdf } from "../convex/model/certificatePdf";
import { signAchievementCredential } from "../convex/model/openBadges";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n: number) => Math.round(n * 10) / 10;

async function certify(i: number) {
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
    activityStartDate: Date.now() - 3 * 86_400_000,
    activityEndDate: Date.now() - 86_400_000,
    validFrom: Date.now(),
    status: { listUrl: "https://api.academy.example/status/1", index: i },
  });
  const t1 = performance.now();
  const json = JSON.stringify(credential);
  bakePng(base64ToBytes(BADGE_PNG_BASE64), json);
  bakeSvg(BADGE_SVG, json);
  const t2 = performance.now();
  await renderCertificatePdf({ recipientName: `Łukasz Żółć ${i}`, courseTitle: "AI Enablement Intensive", cohortName: "December cohort", issuerName: "AI Enablement Academy", issuedOn: "November 27, 2026", verifyUrl: `https://academy.example/verify/${i}`, credentialId: credential.id });
  const t3 = performance.now();
  return { sign: t1 - t0, bake: t2 - t1, pdf: t3 - t2, total: t3 - t0 };
}

export async function benchCertificates() {
  const exported = await (await Ed25519Multikey.generate()).export({ publicKey: true, secretKey: true });
  process.env.CREDENTIAL_PUBLIC_KEY = exported.publicKeyMultibase as string;
  process.env.CREDENTIAL_SECRET_KEY = exported.secretKeyMultibase as string;
  await certify(0); // warm-up: module and font loading
  const samples: Array<Awaited<ReturnType<typeof certify>>> = [];
  for (let i = 1; i <= 50; i++) samples.push(await certify(i));
  const stat = (key: "sign" | "bake" | "pdf" | "total") => {
    const sorted = samples.map((s) => s[key]).sort((a, b) => a - b);
    return { p50Ms: round(percentile(sorted, 50)), p95Ms: round(percentile(sorted, 95)) };
  };
  const cohortStart = performance.now();
  for (let i = 1000; i < 1500; i++) await certify(i);
  const cohortSeconds = (performance.now() - cohortStart) / 1000;
  const total = stat("total");
  return {
    name: "certificates: sign + bake PNG/SVG + PDF",
    samples: samples.length,
    sign: stat("sign"),
    bake: stat("bake"),
    pdf: stat("pdf"),
    perCertificate: total,
    cohortOf500Seconds: round(cohortSeconds),
    targetPerCertificateMs: 100,
    targetCohortSeconds: 60,
    meetsTarget: total.p95Ms < 100 && cohortSeconds < 60,
  };
}
