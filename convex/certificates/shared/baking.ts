/**
 * Baking Open Badges 3.0 credentials into images, per the OB 3.0 spec:
 * PNG — one uncompressed `iTXt` chunk with keyword `openbadgecredential`;
 * SVG — one `<openbadges:credential>` element (CDATA) right after `<svg>`.
 * Pure Uint8Array / string code: runs in Convex's default runtime and the browser.
 */
const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const KEYWORD = "openbadgecredential";
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

type Chunk = { type: string; data: Uint8Array };

function readChunks(png: Uint8Array): Chunk[] {
  if (!PNG_SIGNATURE.every((b, i) => png[i] === b)) throw new Error("Not a PNG file.");
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Chunk[] = [];
  let offset = 8;
  while (offset + 12 <= png.length) {
    const length = view.getUint32(offset);
    const type = decoder.decode(png.subarray(offset + 4, offset + 8));
    if (offset + 12 + length > png.length) throw new Error("Truncated PNG chunk.");
    chunks.push({ type, data: png.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
    if (type === "IEND") break;
  }
  return chunks;
}

function writeChunks(chunks: Chunk[]) {
  const size = 8 + chunks.reduce((n, c) => n + 12 + c.data.length, 0);
  const out = new Uint8Array(size);
  out.set(PNG_SIGNATURE, 0);
  const view = new DataView(out.buffer);
  let offset = 8;
  for (const chunk of chunks) {
    const typeBytes = encoder.encode(chunk.type);
    view.setUint32(offset, chunk.data.length);
    out.set(typeBytes, offset + 4);
    out.set(chunk.data, offset + 8);
    const crcInput = new Uint8Array(4 + chunk.data.length);
    crcInput.set(typeBytes, 0);
    crcInput.set(chunk.data, 4);
    view.setUint32(offset + 8 + chunk.data.length, crc32(crcInput));
    offset += 12 + chunk.data.length;
  }
  return out;
}

function isBadgeChunk(chunk: Chunk) {
  if (chunk.type !== "iTXt") return false;
  const end = chunk.data.indexOf(0);
  return end > 0 && decoder.decode(chunk.data.subarray(0, end)) === KEYWORD;
}

/** The PNG with the credential in an iTXt chunk right after IHDR (replacing an earlier one). */
export function bakePng(png: Uint8Array, credentialJson: string) {
  const chunks = readChunks(png).filter((c) => !isBadgeChunk(c));
  const text = encoder.encode(credentialJson);
  const keyword = encoder.encode(KEYWORD);
  // keyword \0, compression flag 0, method 0, empty language tag \0, empty translated keyword \0, text
  const data = new Uint8Array(keyword.length + 5 + text.length);
  data.set(keyword, 0);
  data.set(text, keyword.length + 5);
  chunks.splice(1, 0, { type: "iTXt", data });
  return writeChunks(chunks);
}

/** The credential baked into a PNG, or null. */
export function extractPng(png: Uint8Array) {
  const chunk = readChunks(png).find(isBadgeChunk);
  if (!chunk) return null;
  const data = chunk.data;
  let offset = KEYWORD.length + 1;
  if (data[offset] !== 0) throw new Error("Compressed badge chunks are not allowed.");
  offset += 2;
  offset = data.indexOf(0, offset) + 1; // language tag
  offset = data.indexOf(0, offset) + 1; // translated keyword
  return decoder.decode(data.subarray(offset));
}

const SVG_NS = 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"';
const OPEN_TAG = "<openbadges:credential";
const CLOSE_TAG = "</openbadges:credential>";
const CDATA_OPEN = "<![CDATA[";
const CDATA_CLOSE = "]]>";

/**
 * The first `<name …>` opening tag whose name is exactly `name`: where it starts and where it ends (after `>`).
 * Scans forward with indexOf only, so a hostile file costs time linear in its size (no backtracking pattern).
 */
function findOpeningTag(text: string, name: string, from = 0) {
  let start = text.indexOf(name, from);
  while (start !== -1) {
    const next = text.charAt(start + name.length);
    if (next === ">" || next === "/" || /\s/.test(next)) {
      const end = text.indexOf(">", start + name.length);
      return end === -1 ? null : { start, end: end + 1, selfClosing: text.charAt(end - 1) === "/" };
    }
    start = text.indexOf(name, start + name.length);
  }
  return null;
}

/** The baked credential element: its whole extent and the text inside it. */
function findCredentialElement(svg: string) {
  const open = findOpeningTag(svg, OPEN_TAG);
  if (!open) return null;
  if (open.selfClosing) return { start: open.start, end: open.end, inner: "" };
  const close = svg.indexOf(CLOSE_TAG, open.end);
  if (close === -1) return null;
  return { start: open.start, end: close + CLOSE_TAG.length, inner: svg.slice(open.end, close) };
}

/** The SVG with the credential in <openbadges:credential> right after the opening <svg> tag. */
export function bakeSvg(svg: string, credentialJson: string) {
  const existing = findCredentialElement(svg);
  const clean = existing ? svg.slice(0, existing.start) + svg.slice(existing.end) : svg;
  const open = findOpeningTag(clean, "<svg");
  if (!open) throw new Error("Not an SVG file.");
  const openTag = clean.slice(open.start, open.end);
  const tag = openTag.includes("xmlns:openbadges=") ? openTag : `<svg ${SVG_NS}${openTag.slice("<svg".length)}`;
  const cdata = `${CDATA_OPEN}${credentialJson.split(CDATA_CLOSE).join("]]]]><![CDATA[>")}${CDATA_CLOSE}`;
  const credential = `<openbadges:credential>${cdata}</openbadges:credential>`;
  return `${clean.slice(0, open.start)}${tag}${credential}${clean.slice(open.end)}`;
}

/** The credential baked into an SVG, or null. Linear in the size of the file, however it is built. */
export function extractSvg(svg: string) {
  const element = findCredentialElement(svg);
  if (!element) return null;
  const inner = element.inner.trim();
  let text = "";
  let sections = 0;
  for (let at = inner.indexOf(CDATA_OPEN); at !== -1; at = inner.indexOf(CDATA_OPEN, at)) {
    const end = inner.indexOf(CDATA_CLOSE, at + CDATA_OPEN.length);
    if (end === -1) break;
    text += inner.slice(at + CDATA_OPEN.length, end);
    sections += 1;
    at = end + CDATA_CLOSE.length;
  }
  if (sections > 0) return text;
  return inner
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Uint8Array(128);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Decodes standard base64 (plain JS: no atob or Buffer needed in any runtime). */
export function base64ToBytes(base64: string) {
  const clean = base64.replace(/[^A-Za-z0-9+/]/g, "");
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let j = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n =
      (B64_INDEX[clean.charCodeAt(i)] << 18) |
      (B64_INDEX[clean.charCodeAt(i + 1)] << 12) |
      (B64_INDEX[clean.charCodeAt(i + 2)] << 6) |
      B64_INDEX[clean.charCodeAt(i + 3)];
    bytes[j++] = (n >> 16) & 255;
    if (i + 2 < clean.length) bytes[j++] = (n >> 8) & 255;
    if (i + 3 < clean.length) bytes[j++] = n & 255;
  }
  return bytes;
}
