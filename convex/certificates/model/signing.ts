/**
 * Signing as the academy: its issuer DIDs (did:web in production, did:key locally), its DID document, and Open
 * Badges 3.0 credentials and revocation lists signed with a DataIntegrityProof (eddsa-rdfc-2022) by the issuer key,
 * which lives in the environment, never in the database. Server only; verifying is in ../shared/openBadges.ts.
 */
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { issue } from "@digitalbazaar/vc";
import { BitstringStatusList, createCredential } from "@digitalbazaar/vc-bitstring-status-list";
import { credentialIssuerSettings, siteUrl } from "../../env";
import {
  VC_CONTEXT,
  OB_CONTEXT,
  OB_EXTENSIONS,
  OB_SCHEMA,
  STATUS_LIST_LENGTH,
  Credential,
  IssuerTrust,
  documentLoader,
} from "../shared/openBadges";

/** did:web on the academy's domain in production; did:key of the signing key in local mode. */
export function issuerDid() {
  const { publicKeyMultibase, domain } = credentialIssuerSettings();
  if (!publicKeyMultibase)
    throw new Error("CREDENTIAL_PUBLIC_KEY is not set: certificates cannot be signed or verified.");
  return domain ? `did:web:${domain.replace(/:/g, "%3A")}` : `did:key:${publicKeyMultibase}`;
}

/** The id of a key's verification method under a DID: named by the key itself, so a rotated key keeps its own id. */
function methodId(did: string, publicKeyMultibase: string) {
  return `${did}#${publicKeyMultibase}`;
}

/** The fragment did:web credentials named their key by before ids were per key; it stands for the current key. */
const LEGACY_FRAGMENT = "key-1";

/**
 * This academy's issuer identities, current first: its DID (did:web in production, did:key locally), the
 * did:key of its current key, and the did:key of every former key (CREDENTIAL_FORMER_KEYS). A credential is
 * ours only when one of these signed it; the issuer name it carries is never evidence.
 */
export function academyIssuerDids() {
  const { publicKeyMultibase, formerPublicKeys } = credentialIssuerSettings();
  // Without a key configured nothing is signed as ours, and only former keys can be recognized.
  const current = publicKeyMultibase ? [issuerDid(), `did:key:${publicKeyMultibase}`] : [];
  return [...new Set([...current, ...formerPublicKeys.map((key) => `did:key:${key}`)])];
}

/**
 * The DID document served at /.well-known/did.json (did:web): the current key and every former key, public halves only.
 */
export function didDocument() {
  const did = issuerDid();
  const { publicKeyMultibase, formerPublicKeys } = credentialIssuerSettings();
  const current = publicKeyMultibase!;
  const methods = [current, ...formerPublicKeys.filter((key) => key !== current)].map((key) => ({
    id: methodId(did, key),
    type: "Multikey",
    controller: did,
    publicKeyMultibase: key,
  }));
  const legacy = { id: `${did}#${LEGACY_FRAGMENT}`, type: "Multikey", controller: did, publicKeyMultibase: current };
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
    id: did,
    verificationMethod: [...methods, legacy],
    assertionMethod: [...methods, legacy].map((m) => m.id),
    authentication: [methods[0].id],
  };
}

async function signingKey() {
  const { publicKeyMultibase, secretKeyMultibase } = credentialIssuerSettings();
  if (!publicKeyMultibase || !secretKeyMultibase)
    throw new Error("CREDENTIAL_PUBLIC_KEY / CREDENTIAL_SECRET_KEY are not set: certificates cannot be signed.");
  return await Ed25519Multikey.from({
    id: methodId(issuerDid(), publicKeyMultibase),
    controller: issuerDid(),
    publicKeyMultibase,
    secretKeyMultibase,
  });
}

/** The academy's own trust, from the environment (server side). */
export function academyTrust(): IssuerTrust {
  return {
    name: credentialIssuerSettings().name,
    dids: academyIssuerDids(),
    didWebDocument: async (did) => {
      if (!credentialIssuerSettings().publicKeyMultibase || did !== issuerDid())
        throw new Error(`${did} is not this academy's issuer.`);
      return didDocument();
    },
  };
}

async function sign(credential: object) {
  const key = await signingKey();
  const suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 });
  return (await issue({ credential, suite, documentLoader: documentLoader() })) as Credential;
}

export type AchievementInput = {
  credentialId: string;
  achievementId: string;
  name: string;
  description: string;
  criteria: string;
  imageUrl: string;
  achievementType?: string;
  recipient: { email: string; name: string };
  salt: string;
  term?: string;
  activityStartDate?: number;
  activityEndDate?: number;
  validFrom: number;
  validUntil?: number;
  status: { listUrl: string; index: number };
};

const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");

async function sha256Hex(text: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The unsigned Open Badges 3.0 credential (no personal data but a salted hash of the email). */
export async function buildAchievementCredential(input: AchievementInput) {
  const { name: issuerName } = credentialIssuerSettings();
  return {
    "@context": [VC_CONTEXT, OB_CONTEXT, OB_EXTENSIONS],
    id: input.credentialId,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: input.name,
    issuer: { id: issuerDid(), type: ["Profile"], name: issuerName, url: siteUrl() },
    validFrom: iso(input.validFrom),
    ...(input.validUntil ? { validUntil: iso(input.validUntil) } : {}),
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [
        {
          type: "IdentityObject",
          identityHash: `sha256$${await sha256Hex(input.recipient.email.trim().toLowerCase() + input.salt)}`,
          identityType: "emailAddress",
          hashed: true,
          salt: input.salt,
        },
      ],
      ...(input.term ? { term: input.term } : {}),
      ...(input.activityStartDate ? { activityStartDate: iso(input.activityStartDate) } : {}),
      ...(input.activityEndDate ? { activityEndDate: iso(input.activityEndDate) } : {}),
      achievement: {
        id: input.achievementId,
        type: ["Achievement"],
        achievementType: input.achievementType ?? "Certificate",
        name: input.name,
        description: input.description,
        criteria: { narrative: input.criteria },
        image: { id: input.imageUrl, type: "Image" },
      },
    },
    credentialSchema: [{ id: OB_SCHEMA, type: "1EdTechJsonSchemaValidator2019" }],
    credentialStatus: {
      id: `${input.status.listUrl}#${input.status.index}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(input.status.index),
      statusListCredential: input.status.listUrl,
    },
  };
}

export async function signAchievementCredential(input: AchievementInput) {
  return await sign(await buildAchievementCredential(input));
}

/** The signed BitstringStatusListCredential of these bits (bit i, most significant first, set: index i revoked). */
export async function signStatusList(listUrl: string, bits: ArrayBuffer) {
  if (bits.byteLength * 8 !== STATUS_LIST_LENGTH)
    throw new Error(`A status list has ${STATUS_LIST_LENGTH} bits, not ${bits.byteLength * 8}.`);
  const list = new BitstringStatusList({ buffer: new Uint8Array(bits) });
  const credential = await createCredential({ id: listUrl, list, statusPurpose: "revocation" });
  credential.issuer = issuerDid();
  credential.validFrom = iso(Date.now());
  return await sign(credential);
}
