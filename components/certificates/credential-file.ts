/**
 * The credential JSON in a file someone chose on the verify page: the file itself, or the credential baked into a
 * PNG or SVG badge (null when an image carries none). Loaded when a file is chosen.
 */
import { extractPng, extractSvg } from "@/convex/certificates/shared/baking";

export async function credentialFromFile(file: File): Promise<string | null> {
  const name = file.name.toLowerCase();
  if (file.type === "image/png" || name.endsWith(".png")) return extractPng(new Uint8Array(await file.arrayBuffer()));
  if (file.type.includes("svg") || name.endsWith(".svg")) return extractSvg(await file.text());
  return await file.text();
}
