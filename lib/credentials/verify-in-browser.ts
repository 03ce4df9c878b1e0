/**
 * Verifies a credential in the visitor's browser with the same code the server
 * uses: contexts bundled, did:key resolved locally, did:web and the status
 * list fetched over HTTPS. Loaded on demand (it is a large module).
 */
import { type Credential, verifyAchievementCredential } from "@/convex/model/openBadges";

async function fetchJson(url: string) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as unknown;
}

export async function verifyInBrowser(credentialJson: string) {
  const credential = JSON.parse(credentialJson) as Credential;
  const statusList = (credential.credentialStatus as { statusListCredential?: string } | undefined)?.statusListCredential;
  return await verifyAchievementCredential(
    credential,
    // Only the credential's own status list is fetched; contexts are bundled.
    async (url) => (url === statusList ? await fetchJson(url) : null),
    Date.now(),
    fetchJson,
  );
}
