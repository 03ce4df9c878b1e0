/**
 * Issue #15, items 1–3: the verifier vouches only for our own credentials, has limits, and the revocation list stays
 * complete.
 */
import { decodeList } from "@digitalbazaar/vc-bitstring-status-list";
import { describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import { extractSvg } from "../../convex/certificates/shared/baking";
import { STATUS_LIST_LENGTH } from "../../convex/certificates/shared/openBadges";
import { networkOf } from "../../convex/rateLimits";
import { signAchievementCredential } from "../../convex/certificates/model/signing";
import { verifyInBrowser } from "../../lib/credentials/verify-in-browser";
import { forgeCredential, strangerKeys } from "../support/forge-credential";
import {
  API,
  certificateOf,
  credentialInput,
  newIssuerKeys,
  runScheduled,
  seedFinishedCohort,
  useCredentialEnv,
} from "./certificate-helpers";
import { as, enrollConfirmed, seedCohort, type T } from "./checkout-helpers";
import { expectAppError, newTest } from "./helpers";

const env = useCredentialEnv();
vi.setConfig({ testTimeout: 60_000 });

/** A finished cohort with its certificates signed; the first learner's course certificate. */
async function issuedCertificate(t: T) {
  env.current = t;
  const { cohortId, learners, adminId } = await seedFinishedCohort(t);
  await as(t, adminId).mutation(api.certificates.plan.issueForCohort, { cohortId });
  await runScheduled(t);
  const certificate = (await certificateOf(t, learners[0]))!;
  return { certificate, credential: JSON.parse(certificate.credentialJson!) as Record<string, unknown>, adminId };
}

describe("#15.1 only this academy's own credentials verify as ours", () => {
  test("#15.1 a credential re-signed with a stranger's did:key, with our issuer name and no status entry, is not verified as ours", async () => {
    const t = newTest();
    const { credential } = await issuedCertificate(t);
    const stranger = await strangerKeys();
    const strangerDid = `did:key:${stranger.publicKeyMultibase}`;
    const forged = await forgeCredential(credential, stranger, { id: "urn:uuid:3f1c1d0e-0000-4000-8000-000000000001" });
    expect(forged.issuer).toMatchObject({ name: "AI Enablement Academy", id: strangerDid });

    const viaApp = await t.action(api.certificates.verify.verifyCredentialJson, {
      credentialJson: JSON.stringify(forged),
    });
    const viaHttp = await (
      await t.fetch("/credentials/verify", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(forged),
      })
    ).json();
    for (const result of [viaApp, viaHttp]) {
      expect(result).toMatchObject({ verified: false, issuedByAcademy: false, signer: strangerDid });
      expect(result.checks.find((c: { check: string }) => c.check === "signature")).toMatchObject({ ok: true });
      expect(result.checks.find((c: { check: string }) => c.check === "issuer")).toEqual({
        check: "issuer",
        ok: false,
        message: `Validly signed by ${strangerDid}, not issued by this academy.`,
      });
      // The issuer's name is never evidence of who signed.
      expect(JSON.stringify(result)).not.toContain("AI Enablement Academy");
    }
  });

  test("#15.1 a credential that claims the id of one of ours but differs from the one we issued is flagged", async () => {
    const t = newTest();
    const { certificate, credential } = await issuedCertificate(t);
    // A stranger's copy of our credential id with a better grade, and one signed with our own key that we never issued.
    const copied = await forgeCredential(credential, await strangerKeys(), { name: "AI Grandmaster" });
    const ownKey = await signAchievementCredential(
      credentialInput({
        credentialId: certificate.badgeData.credentialId,
        name: "AI Grandmaster",
        status: { listUrl: `${API}/status/1`, index: certificate.statusListIndex! },
      }),
    );
    for (const [variant, claimed] of [
      ["stranger", copied],
      ["own key", ownKey],
    ] as const) {
      const result = await t.action(api.certificates.verify.verifyCredentialJson, {
        credentialJson: JSON.stringify(claimed),
      });
      expect(result.verified, variant).toBe(false);
      expect(
        result.checks.find((c) => c.check === "record"),
        variant,
      ).toEqual({
        check: "record",
        ok: false,
        message: `Claims to be ${certificate.badgeData.credentialId}, which this academy issued, but differs from it.`,
      });
    }
    // The genuine one, re-serialized in another key order, matches the record.
    const reordered = Object.fromEntries(Object.entries(credential).reverse());
    const genuine = await t.action(api.certificates.verify.verifyCredentialJson, {
      credentialJson: JSON.stringify(reordered),
    });
    expect(genuine).toMatchObject({
      verified: true,
      issuedByAcademy: true,
      signer: `did:key:${env.keys.publicKeyMultibase}`,
    });
    expect(genuine.checks.find((c) => c.check === "record")).toMatchObject({ ok: true });
  });

  test("#15.1 credentials signed with a former key still count as ours; a did:web named by a file is never fetched", async () => {
    const t = newTest();
    env.current = t;
    const former = env.keys;
    const current = await newIssuerKeys();
    // The academy moves to did:web with a new key and lists the old one.
    const input = credentialInput({
      credentialId: "urn:uuid:3f1c1d0e-0000-4000-8000-0000000000f0",
      status: { listUrl: `${API}/status/1`, index: 5 },
    });
    const signedBefore = await signAchievementCredential(input);
    vi.stubEnv("CREDENTIAL_PUBLIC_KEY", current.publicKeyMultibase);
    vi.stubEnv("CREDENTIAL_SECRET_KEY", current.secretKeyMultibase);
    vi.stubEnv("CREDENTIAL_ISSUER_DOMAIN", "academy.test");
    const unlisted = await t.action(api.certificates.verify.verifyCredentialJson, {
      credentialJson: JSON.stringify(signedBefore),
    });
    expect(unlisted.checks.find((c) => c.check === "issuer")).toMatchObject({ ok: false });
    vi.stubEnv("CREDENTIAL_FORMER_KEYS", `${former.publicKeyMultibase}`);
    const listed = await t.action(api.certificates.verify.verifyCredentialJson, {
      credentialJson: JSON.stringify(signedBefore),
    });
    expect(listed).toMatchObject({ issuedByAcademy: true, signer: `did:key:${former.publicKeyMultibase}` });
    // did:web keeps its name across a key change: a credential signed before the next rotation still verifies after it.
    const onDidWeb = await signAchievementCredential({
      ...input,
      credentialId: "urn:uuid:3f1c1d0e-0000-4000-8000-0000000000f1",
    });
    expect((onDidWeb.proof as { verificationMethod: string }).verificationMethod).toBe(
      `did:web:academy.test#${current.publicKeyMultibase}`,
    );
    const next = await newIssuerKeys();
    vi.stubEnv("CREDENTIAL_PUBLIC_KEY", next.publicKeyMultibase);
    vi.stubEnv("CREDENTIAL_SECRET_KEY", next.secretKeyMultibase);
    vi.stubEnv("CREDENTIAL_FORMER_KEYS", `${former.publicKeyMultibase}, ${current.publicKeyMultibase}`);
    const rotated = await t.action(api.certificates.verify.verifyCredentialJson, {
      credentialJson: JSON.stringify(onDidWeb),
    });
    expect(rotated).toMatchObject({ issuedByAcademy: true, signer: "did:web:academy.test" });
    expect(rotated.checks.find((c) => c.check === "issuer")).toEqual({
      check: "issuer",
      ok: true,
      message: "Issued by AI Enablement Academy (did:web:academy.test).",
    });
    vi.stubEnv("CREDENTIAL_PUBLIC_KEY", current.publicKeyMultibase);
    vi.stubEnv("CREDENTIAL_SECRET_KEY", current.secretKeyMultibase);
    vi.stubEnv("CREDENTIAL_FORMER_KEYS", former.publicKeyMultibase);
    expect(await t.query(api.certificates.verify.academyIssuer, {})).toEqual({
      name: "AI Enablement Academy",
      dids: ["did:web:academy.test", `did:key:${current.publicKeyMultibase}`, `did:key:${former.publicKeyMultibase}`],
    });

    // A credential whose proof names someone's did:web: neither the server nor the browser looks it up.
    const evil = {
      ...signedBefore,
      issuer: { id: "did:web:evil.example", type: ["Profile"], name: "AI Enablement Academy" },
      proof: { ...(signedBefore.proof as object), verificationMethod: "did:web:evil.example#key-1" },
    };
    const fetches = vi.mocked(fetch);
    fetches.mockClear();
    const server = await t.action(api.certificates.verify.verifyCredentialJson, {
      credentialJson: JSON.stringify(evil),
    });
    const browser = await verifyInBrowser(JSON.stringify(evil), {
      name: "AI Enablement Academy",
      dids: ["did:web:academy.test"],
      statusListOrigin: API,
    });
    for (const result of [server, browser]) {
      expect(result).toMatchObject({ verified: false, issuedByAcademy: false, signer: null });
      expect(result.checks.find((c) => c.check === "signature")!.message).toBe(
        "Not checked: did:web:evil.example is not this academy's issuer, and its keys are not looked up.",
      );
    }
    expect(fetches.mock.calls.map(([input]) => String(input)).filter((url) => url.includes("evil.example"))).toEqual(
      [],
    );
  });
});

describe("#15.2 the public verify door has limits", () => {
  test("#15.2 a pathological SVG of a few hundred KB is read in linear time", async () => {
    // Repeated opening tags with no closing tag made the old pattern backtrack: seconds for 300 KB.
    const openings = `<svg>${"<openbadges:credential>".repeat(16_000)}</svg>`;
    const cdataOpenings = `<svg><openbadges:credential>${"<![CDATA[".repeat(40_000)}</openbadges:credential></svg>`;
    expect(openings.length).toBeGreaterThan(350_000);
    for (const svg of [openings, cdataOpenings]) {
      const started = performance.now();
      extractSvg(svg);
      expect(performance.now() - started).toBeLessThan(150);
    }
    const t = newTest();
    await t.fetch("/credentials/verify", { method: "POST", body: "{}" }); // loads the HTTP module once
    const started = performance.now();
    const response = await t.fetch("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "image/svg+xml" },
      body: openings,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      verified: false,
      checks: [{ ok: false, message: "No credential is baked into this image." }],
    });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  test("#15.2 a body over 1 MB is refused with 413, whatever its declared length", async () => {
    const t = newTest();
    const big = "x".repeat(1_100_000);
    const declared = await t.fetch("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(declared.status).toBe(413);
    // A streamed body declares no length: it is cut off while it is read.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new Uint8Array(100_000).fill(32));
        controller.close();
      },
    });
    const streamed = await t.fetch("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "image/png" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).checks[0].message).toContain("1 MB");
  });

  test("#15.2 checks are rate-limited per client address, which the caller cannot choose", async () => {
    const t = newTest();
    const client = t.withRequestMetadata({ ip: "203.0.113.7" });
    const post = (as: Pick<typeof t, "fetch">, forwardedFor: string) =>
      as.fetch("/credentials/verify", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
        body: "{}",
      });
    let refusedAt = 0;
    for (let i = 1; i <= 200 && refusedAt === 0; i++) {
      // A header the caller writes is not who they are: a new X-Forwarded-For every time does not help.
      const response = await post(client, `198.51.100.${i}`);
      if (response.status === 429) {
        refusedAt = i;
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
        expect((await response.json()).checks[0].message).toMatch(/Too many credential checks/);
      }
    }
    expect(refusedAt).toBeGreaterThan(10);
    // Another client is not affected; nor is the same client once verifying through the app is limited by the same key.
    expect((await post(t.withRequestMetadata({ ip: "192.0.2.1" }), "203.0.113.7")).status).toBe(200);
    await expectAppError(
      client.action(api.certificates.verify.verifyCredentialJson, { credentialJson: "{}" }),
      "RATE_LIMITED",
    );
    // One IPv6 subscriber holds a whole /64; an IPv4 client reached over IPv6 is still itself.
    expect(networkOf("2001:db8:0:1::5")).toBe(networkOf("2001:0db8:0000:0001:aaaa:bbbb:cccc:dddd"));
    expect(networkOf("2001:db8:0:2::5")).not.toBe(networkOf("2001:db8:0:1::5"));
    expect(networkOf("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });
});

/** The revocation list as signed and served: which indexes are set. */
async function signedList(t: T) {
  const row = await t.run(async (ctx) => ctx.db.query("credentialStatusLists").first());
  const credential = JSON.parse(row!.signedJson!) as { credentialSubject: { encodedList: string } };
  return await decodeList({ encodedList: credential.credentialSubject.encodedList });
}

describe("#15.3 the revocation list stays complete", () => {
  test("#15.3 more than 10,000 revoked certificates are all on the signed revocation list", async () => {
    const t = newTest();
    env.current = t;
    const { cohortId, courseId, buyers } = await seedCohort(t, { buyers: 1 });
    const enrollmentId = await enrollConfirmed(t, { userId: buyers[0], cohortId, courseId });
    // 10,050 revoked certificates, written directly as a deployment that revoked them over years holds them
    // (13 is odd, so these indexes are all different), and the list row as revocations left it.
    const revoked = Array.from({ length: 10_050 }, (_, i) => (i * 13) % STATUS_LIST_LENGTH);
    for (let from = 0; from < revoked.length; from += 2_500) {
      await t.run(async (ctx) => {
        for (const index of revoked.slice(from, from + 2_500)) {
          const publicId = `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
          await ctx.db.insert("certificates", {
            enrollmentId,
            userId: buyers[0],
            courseId,
            cohortId,
            issuedAt: 1,
            publicId,
            kind: "course",
            issueStatus: "issued",
            statusListIndex: index,
            revokedAt: 2,
            revocationReason: "Bulk test",
            verificationUrl: "x",
            linkedInShareUrl: "x",
            createdAt: 1,
            badgeData: {
              credentialId: `urn:uuid:${publicId}`,
              type: [],
              issuerId: "",
              issuerName: "",
              achievementId: "",
              name: "",
              description: "",
              criteriaNarrative: "",
              validFrom: "",
            },
          });
        }
      });
    }
    await t.run(async (ctx) => ctx.db.insert("credentialStatusLists", { listNumber: 1, version: 1, updatedAt: 1 }));
    await t.action(internal.certificates.revocation.resignStatusList, {});
    await runScheduled(t);
    const list = await signedList(t);
    expect(revoked.filter((index) => !list.getStatus(index))).toEqual([]);
    const kept = new Set(revoked);
    expect([1, 2, 3, 5, 8].filter((index) => !kept.has(index) && list.getStatus(index))).toEqual([]);
  });

  test("#15.3 revoking sets the certificate's bit in the stored list at once; re-signing signs that list", async () => {
    const t = newTest();
    env.current = t;
    const { cohortId, learners, adminId } = await seedFinishedCohort(t);
    await as(t, adminId).mutation(api.certificates.plan.issueForCohort, { cohortId });
    await runScheduled(t);
    const certificates = await t.run(async (ctx) => ctx.db.query("certificates").collect());
    const [first, second] = certificates.filter((c) => c.userId === learners[0] || c.userId === learners[2]);
    const before = await t.run(async (ctx) => ctx.db.query("credentialStatusLists").first());
    await as(t, adminId).mutation(api.certificates.revocation.revoke, {
      certificateId: first._id,
      reason: "Attendance was corrected.",
    });
    const after = await t.run(async (ctx) => ctx.db.query("credentialStatusLists").first());
    expect(after!.version).toBe(before!.version + 1);
    const bit = (bits: ArrayBuffer, index: number) => (new Uint8Array(bits)[index >> 3] >> (7 - (index & 7))) & 1;
    expect(bit(after!.bits!, first.statusListIndex!)).toBe(1);
    expect(bit(after!.bits!, second.statusListIndex!)).toBe(0);
    await runScheduled(t);
    const list = await signedList(t);
    expect(list.getStatus(first.statusListIndex!)).toBe(true);
    expect(list.getStatus(second.statusListIndex!)).toBe(false);
  });
});
