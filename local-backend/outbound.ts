/**
 * Outbound HTTP of the functions the local backend runs: a vendor API whose address a package hard-codes (the
 * `@convex-dev/resend` component always calls https://api.resend.com) is sent to a local stand-in instead, as a
 * hosts-file entry would. Only the origins named are rerouted; every other request goes out unchanged.
 */

/** `https://api.resend.com=http://127.0.0.1:12114` → origin → stand-in base URL. */
export function parseOutboundRoutes(specs: readonly string[]): Map<string, string> {
  const routes = new Map<string, string>();
  for (const spec of specs) {
    const at = spec.indexOf("=");
    if (at < 0)
      throw new Error(
        `--outbound ${spec}: expected <origin>=<local URL>, e.g. https://api.resend.com=http://127.0.0.1:12114`,
      );
    const from = new URL(spec.slice(0, at));
    const to = new URL(spec.slice(at + 1));
    if (from.pathname !== "/" || from.search)
      throw new Error(`--outbound ${spec}: the left side is an origin, without a path`);
    routes.set(from.origin, to.href.replace(/\/+$/, ""));
  }
  return routes;
}

/** Replaces the global fetch with one that sends the routed origins to their stand-ins; returns the undo. */
export function routeOutboundFetch(routes: ReadonlyMap<string, string>): () => void {
  const original = globalThis.fetch;
  if (routes.size === 0) return () => {};
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const target = routes.get(url.origin);
    if (target === undefined) return original(input, init);
    const rerouted = `${target}${url.pathname}${url.search}`;
    return original(input instanceof Request ? new Request(rerouted, input) : rerouted, init);
  };
  return () => {
    globalThis.fetch = original;
  };
}
