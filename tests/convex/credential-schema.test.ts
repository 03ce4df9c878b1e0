/** Issue #15, item 4: our JSON Schema of the OB 3.0 AchievementCredential, and the structure check built from it. */
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import { ACHIEVEMENT_CREDENTIAL_SCHEMA } from "../../convex/certificates/shared/achievementCredentialSchema";
import generatedValidator from "../../convex/certificates/shared/achievementCredentialValidator.ts?raw";
import { structureCheck } from "../../convex/certificates/shared/openBadges";
import { validatorSource } from "../../scripts/credential-schema";
import { useCredentialEnv } from "./certificate-helpers";
import { newTest } from "./helpers";

/** A credential shaped as we issue them (the proof is not part of what the schema checks here). */
const VALID = {
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
  ],
  id: "urn:uuid:6a4f0c2e-0000-4000-8000-000000000001",
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  name: "AI Enablement Intensive",
  issuer: {
    id: "did:key:z6MkexampleExampleExample",
    type: ["Profile"],
    name: "AI Enablement Academy",
    url: "https://academy.test",
  },
  validFrom: "2026-11-20T12:00:00Z",
  credentialSubject: {
    type: ["AchievementSubject"],
    identifier: [
      {
        type: "IdentityObject",
        identityHash: "sha256$0a1b2c3d",
        identityType: "emailAddress",
        hashed: true,
        salt: "3f1c1d0e",
      },
    ],
    term: "December cohort",
    activityStartDate: "2026-11-10T09:00:00Z",
    achievement: {
      id: "https://academy.test/courses/intensive#certificate",
      type: ["Achievement"],
      achievementType: "CertificateOfCompletion",
      name: "AI Enablement Intensive",
      description: "Completed the intensive.",
      criteria: { narrative: "Attend at least 75% of the live sessions." },
      image: { id: "https://api.academy.test/credentials/x/badge.png", type: "Image" },
    },
  },
  credentialSchema: [
    {
      id: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
      type: "1EdTechJsonSchemaValidator2019",
    },
  ],
  credentialStatus: {
    id: "https://api.academy.test/status/1#7",
    type: "BitstringStatusListEntry",
    statusPurpose: "revocation",
    statusListIndex: "7",
    statusListCredential: "https://api.academy.test/status/1",
  },
  proof: {
    type: "DataIntegrityProof",
    cryptosuite: "eddsa-rdfc-2022",
    proofPurpose: "assertionMethod",
    verificationMethod: "did:key:z6MkexampleExampleExample#z6MkexampleExampleExample",
    created: "2026-11-20T12:00:00Z",
    proofValue: "z5jsYk",
  },
};

type Json = Record<string, unknown>;
const subject = (changes: Json) => ({ ...VALID, credentialSubject: { ...VALID.credentialSubject, ...changes } });
const achievement = (changes: Json) => subject({ achievement: { ...VALID.credentialSubject.achievement, ...changes } });
const without = (object: Json, key: string) => Object.fromEntries(Object.entries(object).filter(([k]) => k !== key));

/** Breaks of the data model, each with where the structure check says it is. */
const BROKEN: Array<[string, unknown, RegExp]> = [
  [
    "no validFrom (a VC 1.1 issuanceDate instead)",
    { ...without(VALID, "validFrom"), issuanceDate: "2026-11-20T12:00:00Z" },
    /the credential must have required property 'validFrom'/,
  ],
  ["a date without its time zone", { ...VALID, validFrom: "2026-11-20T12:00:00" }, /validFrom must match pattern/],
  ["not an OpenBadgeCredential", { ...VALID, type: ["VerifiableCredential"] }, /type must contain/],
  [
    "the VC 1.1 context",
    { ...VALID, "@context": ["https://www.w3.org/2018/credentials/v1", VALID["@context"][1]] },
    /@context\.0 must be equal to constant/,
  ],
  [
    "an issuer that is neither a URI nor a Profile",
    { ...VALID, issuer: { name: "AI Enablement Academy" } },
    /issuer must match a schema in anyOf/,
  ],
  [
    "a subject with neither id nor identifier",
    subject({ identifier: undefined }),
    /credentialSubject must match a schema in anyOf/,
  ],
  [
    "an achievement without criteria",
    achievement({ criteria: undefined }),
    /credentialSubject\.achievement must have required property 'criteria'/,
  ],
  [
    "criteria with neither id nor narrative",
    achievement({ criteria: {} }),
    /credentialSubject\.achievement\.criteria must match a schema in anyOf/,
  ],
  [
    "an unknown achievement type",
    achievement({ achievementType: "GrandMaster" }),
    /achievementType must match a schema in anyOf/,
  ],
  [
    "a property the subject does not have",
    subject({ grade: "A+" }),
    /credentialSubject must NOT have additional properties \(grade\)/,
  ],
  [
    "a hashed identity that is not algorithm$hex",
    subject({ identifier: [{ ...VALID.credentialSubject.identifier[0], identityHash: "buyer0@example.com" }] }),
    /identityHash must match pattern/,
  ],
  [
    "a Data Integrity proof without a value",
    { ...VALID, proof: without(VALID.proof, "proofValue") },
    /proof must have required property 'proofValue'/,
  ],
];

useCredentialEnv();
vi.setConfig({ testTimeout: 30_000 });

describe("#15.4 our JSON Schema of the OB 3.0 AchievementCredential", () => {
  test("#15.4 the shipped validator is compiled from the schema as it is now", () => {
    expect(generatedValidator).toBe(validatorSource());
  });

  test("#15.4 the structure check accepts the data model and names each break of it, as Ajv does", async () => {
    const ajv = new Ajv2020({ strictTuples: false }).compile(ACHIEVEMENT_CREDENTIAL_SCHEMA);
    const clean = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    expect(structureCheck(VALID)).toMatchObject({ ok: true });
    expect(ajv(VALID)).toBe(true);
    for (const [what, credential, message] of BROKEN) {
      const result = structureCheck(clean(credential));
      expect(result.ok, what).toBe(false);
      expect(result.message, what).toMatch(message);
      expect(ajv(clean(credential)), what).toBe(false);
    }
    // The verifier reports it as the first check, on its own: a broken structure is never "verified".
    const t = newTest();
    const result = await t.action(api.certificates.verify.verifyCredentialJson, {
      credentialJson: JSON.stringify(achievement({ criteria: undefined })),
    });
    expect(result.verified).toBe(false);
    expect(result.checks[0]).toMatchObject({
      check: "structure",
      ok: false,
      message: expect.stringContaining("credentialSubject.achievement must have required property 'criteria'"),
    });
  });
});
