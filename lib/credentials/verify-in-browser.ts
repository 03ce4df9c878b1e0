/**
 * Verifies a credential in the visitor's browser with the same code the server
 * uses: contexts bundled, did:key resolved locally. Only what the page pins is
 * read over the network: the academy's own did:web document (from its domain)
 * and status lists on the academy's own API origin — never an address the
 * credential names. Loaded on demand (it is a large module).
 */
import { type Credential, didWebUrl, verifyAchievementCredential } from "@/convex/certificates/shared/openBadges";

async function fetchJson(url: string) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as unknown;
}

/** The academy as the page knows it from our server: its name, its issuer DIDs and the origin of its status lists. */
export type PinnedIssuer = { name: string; dids: string[]; statusListOrigin: string };

export async function verifyInBrowser(credentialJson: string, pinned: PinnedIssuer) {
  const credential = JSON.parse(credentialJson) as Credential;
  return await verifyAchievementCredential(credential, {
    trust: {
      name: pinned.name,
      dids: pinned.dids,
      didWebDocument: async (did) => {
        if (!pinned.dids.includes(did)) throw new Error(`${did} is not this academy's issuer.`);
        return await fetchJson(didWebUrl(did));
      },
    },
    statusLists: async (url) =>
      new URL(url).origin === new URL(pinned.statusListOrigin).origin ? await fetchJson(url) : null,
  });
}
