/**
 * What an attacker can make without our key: a copy of one of our credentials (or any changes to it)
 * re-signed with their own did:key. Used by the unit and browser tests of the verifier.
 */
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { issue } from "@digitalbazaar/vc";
import { documentLoader } from "../../convex/certificates/shared/openBadges";

export type Keys = { publicKeyMultibase: string; secretKeyMultibase: string };

/** A fresh key of the attacker's own. */
export async function strangerKeys(): Promise<Keys> {
  const exported = await (await Ed25519Multikey.generate()).export({ publicKey: true, secretKey: true });
  return {
    publicKeyMultibase: exported.publicKeyMultibase as string,
    secretKeyMultibase: exported.secretKeyMultibase as string,
  };
}

/**
 * The credential re-signed by `keys` as `did:key`: the proof and status entry dropped, the issuer's id
 * replaced by the stranger's DID (keeping the issuer's name), with `changes` applied on top.
 */
export async function forgeCredential(
  genuine: Record<string, unknown>,
  keys: Keys,
  changes: Record<string, unknown> = {},
) {
  const did = `did:key:${keys.publicKeyMultibase}`;
  const { proof: _proof, credentialStatus: _status, ...rest } = genuine;
  const credential = { ...rest, issuer: { ...(genuine.issuer as Record<string, unknown>), id: did }, ...changes };
  const key = await Ed25519Multikey.from({ id: `${did}#${keys.publicKeyMultibase}`, controller: did, ...keys });
  const suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 });
  return await issue({ credential, suite, documentLoader: documentLoader() });
}
