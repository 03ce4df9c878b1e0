/**
 * Verifies client JWTs the way a Convex deployment does, against the providers
 * declared in convex/auth.config.ts: signature (JWKS), issuer, audience and expiry.
 */
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload, type JSONWebKeySet } from "jose";
import type { Identity } from "./engine.js";

type OidcProvider = { domain: string; applicationID: string };
type CustomJwtProvider = {
  type: "customJwt";
  issuer: string;
  jwks: string;
  algorithm: "RS256" | "ES256";
  applicationID?: string;
};
export type AuthProviderConfig = OidcProvider | CustomJwtProvider;

export class AuthFailure extends Error {}

const CLAIM_TO_ATTRIBUTE: Record<string, string> = {
  sub: "subject",
  iss: "issuer",
  name: "name",
  given_name: "givenName",
  family_name: "familyName",
  nickname: "nickname",
  preferred_username: "preferredUsername",
  profile: "profileUrl",
  picture: "pictureUrl",
  email: "email",
  email_verified: "emailVerified",
  gender: "gender",
  birthdate: "birthday",
  zoneinfo: "timezone",
  locale: "language",
  phone_number: "phoneNumber",
  phone_number_verified: "phoneNumberVerified",
  address: "address",
  updated_at: "updatedAt",
};
const REGISTERED_CLAIMS = new Set(["aud", "exp", "iat", "nbf", "jti"]);

type KeySet = ReturnType<typeof createRemoteJWKSet> | ReturnType<typeof createLocalJWKSet>;

export class AuthVerifier {
  private keySets = new Map<string, Promise<KeySet>>();

  constructor(private readonly providers: AuthProviderConfig[]) {}

  /** Returns the identity Convex would build, and the token's expiry in ms (if any). */
  async verify(token: string): Promise<{ identity: Identity; expiresAt: number | null }> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw new AuthFailure("Could not parse JWT payload. Check that the token is a valid JWT format.");
    }
    const audiences = Array.isArray(unverified.aud) ? unverified.aud : unverified.aud ? [unverified.aud] : [];
    const provider = this.providers.find((p) =>
      "type" in p && p.type === "customJwt"
        ? p.issuer === unverified.iss && (p.applicationID === undefined || audiences.includes(p.applicationID))
        : normalizeUrl((p as OidcProvider).domain) === normalizeUrl(unverified.iss ?? "") &&
          audiences.includes((p as OidcProvider).applicationID),
    );
    if (!provider) {
      throw new AuthFailure(
        "No auth provider found matching the given token " +
          `(no providers configured with issuer "${unverified.iss}" and audience ${JSON.stringify(audiences)}). ` +
          "Check convex/auth.config.ts.",
      );
    }
    let payload: JWTPayload;
    try {
      const keys = await this.keySet(provider);
      ({ payload } = await jwtVerify(token, keys, {
        issuer: unverified.iss,
        audience: "type" in provider ? provider.applicationID : provider.applicationID,
        algorithms: "type" in provider ? [provider.algorithm] : undefined,
      }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ERR_JWT_EXPIRED") throw new AuthFailure("Token expired");
      throw new AuthFailure(`Could not verify token: ${(error as Error).message}`);
    }
    if (!payload.sub) throw new AuthFailure("Token has no subject (sub) claim");
    const identity: Record<string, unknown> = {};
    for (const [claim, value] of Object.entries(payload)) {
      if (REGISTERED_CLAIMS.has(claim)) continue;
      identity[CLAIM_TO_ATTRIBUTE[claim] ?? claim] = value;
    }
    identity.tokenIdentifier = `${payload.iss}|${payload.sub}`;
    return { identity: identity as Identity, expiresAt: payload.exp ? payload.exp * 1000 : null };
  }

  private keySet(provider: AuthProviderConfig): Promise<KeySet> {
    const key = JSON.stringify(provider);
    let keySet = this.keySets.get(key);
    if (!keySet) {
      keySet = this.loadKeySet(provider);
      keySet.catch(() => this.keySets.delete(key));
      this.keySets.set(key, keySet);
    }
    return keySet;
  }

  private async loadKeySet(provider: AuthProviderConfig): Promise<KeySet> {
    if ("type" in provider && provider.type === "customJwt") {
      if (provider.jwks.startsWith("data:")) {
        const json = decodeDataUri(provider.jwks);
        return createLocalJWKSet(JSON.parse(json) as JSONWebKeySet);
      }
      return createRemoteJWKSet(new URL(provider.jwks));
    }
    const domain = normalizeUrl((provider as OidcProvider).domain);
    const response = await fetch(`${domain}/.well-known/openid-configuration`);
    if (!response.ok) throw new Error(`OIDC discovery at ${domain} answered ${response.status}`);
    const config = (await response.json()) as { jwks_uri: string };
    return createRemoteJWKSet(new URL(config.jwks_uri));
  }
}

function normalizeUrl(url: string) {
  return url.replace(/\/+$/, "");
}

function decodeDataUri(uri: string) {
  const comma = uri.indexOf(",");
  const meta = uri.slice(5, comma);
  const data = uri.slice(comma + 1);
  return meta.endsWith(";base64") ? Buffer.from(data, "base64").toString("utf8") : decodeURIComponent(data);
}
