import type { Metadata } from "next";
import { PathCatalog } from "@/components/paths/path-catalog";
import { preloadPaths } from "@/lib/convex/catalog";
import { publicPageMetadata, SITE_NAME } from "@/lib/site";

const description =
  "Learning paths: curated sequences of live AI courses toward one outcome, as a bundle that saves against the " +
  "courses one by one, with a path certificate at the end.";

export const metadata: Metadata = publicPageMetadata({
  path: "/paths",
  title: "Learning paths",
  socialTitle: `Learning paths · ${SITE_NAME}`,
  description,
});

export default async function PathsPage() {
  return <PathCatalog preloaded={await preloadPaths()} />;
}
