/**
 * The printable certificate: A4 landscape, drawn with pdf-lib and Inter
 * (embedded, subset) so any Latin name renders — "Łukasz Żółć" included — and
 * a QR code that opens the public verify page.
 */
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import qrcode from "qrcode-generator";
import { INTER_LATIN_400, INTER_LATIN_600, INTER_LATIN_EXT_400, INTER_LATIN_EXT_600 } from "./fonts";
import { base64ToBytes } from "../shared/baking";
import { BADGE_PNG_BASE64 } from "./badgeArt";

const BRAND = rgb(0.263, 0.22, 0.792);
const INK = rgb(0.067, 0.094, 0.153);
const MUTED = rgb(0.294, 0.333, 0.388);

type FontSet = PDFFont[];

const decoded = new Map<string, Uint8Array>();
/** Font bytes decoded once per process. */
function fontBytes(b64: string) {
  let bytes = decoded.get(b64);
  if (!bytes) {
    bytes = base64ToBytes(b64);
    decoded.set(b64, bytes);
  }
  return bytes;
}

/**
 * fontkit with its parsed fonts kept per process: pdf-lib parses the whole font file on every
 * `embedFont`, which was the largest cost of a certificate. Subsets are still made per document.
 */
const parsedFonts = new Map<Uint8Array, ReturnType<typeof fontkit.create>>();
export const cachingFontkit: typeof fontkit = {
  ...fontkit,
  create(bytes: Uint8Array, postscriptName?: string) {
    let font = parsedFonts.get(bytes);
    if (!font) {
      font = fontkit.create(bytes, postscriptName);
      parsedFonts.set(bytes, font);
    }
    return font;
  },
};

/** Splits text into runs, each drawn with the first font that has every character of the run. */
export function runs(text: string, fonts: FontSet) {
  const sets = fonts.map((f) => new Set(f.getCharacterSet()));
  const out: Array<{ text: string; font: PDFFont }> = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const index = Math.max(
      0,
      sets.findIndex((set) => set.has(code)),
    );
    const last = out.at(-1);
    if (last && last.font === fonts[index]) last.text += char;
    else out.push({ text: char, font: fonts[index] });
  }
  return out;
}

function widthOf(text: string, fonts: FontSet, size: number) {
  return runs(text, fonts).reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);
}

function drawCentered(page: PDFPage, text: string, y: number, size: number, fonts: FontSet, color = INK) {
  let x = (page.getWidth() - widthOf(text, fonts, size)) / 2;
  for (const run of runs(text, fonts)) {
    page.drawText(run.text, { x, y, size, font: run.font, color });
    x += run.font.widthOfTextAtSize(run.text, size);
  }
}

/** Shrinks long text until it fits the width. */
function fitSize(text: string, fonts: FontSet, size: number, maxWidth: number) {
  let s = size;
  while (s > 10 && widthOf(text, fonts, s) > maxWidth) s -= 1;
  return s;
}

function drawQr(page: PDFPage, url: string, x: number, y: number, size: number) {
  const qr = qrcode(0, "M");
  qr.addData(url);
  qr.make();
  const count = qr.getModuleCount();
  const cell = size / count;
  // One path for all dark modules (SVG coordinates: y grows downwards from the top-left corner).
  let path = "";
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.isDark(row, col)) path += `M${col * cell} ${row * cell}h${cell}v${cell}h${-cell}z`;
    }
  }
  page.drawSvgPath(path, { x, y: y + size, color: INK });
}

const PDF_WORDING = {
  course: { heading: "CERTIFICATE OF COMPLETION", verb: "has completed" },
  skill: { heading: "SKILL BADGE", verb: "has demonstrated" },
  path: { heading: "LEARNING PATH CERTIFICATE", verb: "has completed the learning path" },
} as const;

export type CertificatePdfInput = {
  /** What is certified (default: a course). */
  kind?: keyof typeof PDF_WORDING;
  recipientName: string;
  courseTitle: string;
  cohortName: string;
  issuerName: string;
  issuedOn: string;
  validUntil?: string;
  verifyUrl: string;
  credentialId: string;
};

export async function renderCertificatePdf(input: CertificatePdfInput) {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(cachingFontkit);
  pdf.setTitle(`${input.courseTitle} — ${input.recipientName}`);
  pdf.setAuthor(input.issuerName);
  pdf.setSubject(`Certificate of completion, verify at ${input.verifyUrl}`);
  const embed = (b64: string) => pdf.embedFont(fontBytes(b64), { subset: true });
  // Latin Extended only when a name or title needs it (most do not): each embedded font costs time to subset.
  const needsExtended = [...(input.recipientName + input.courseTitle + input.cohortName + input.issuerName)].some(
    (c) => c.codePointAt(0)! > 0xff && !"–—‘’“”•…".includes(c),
  );
  const regular = [await embed(INTER_LATIN_400), ...(needsExtended ? [await embed(INTER_LATIN_EXT_400)] : [])];
  const bold = [await embed(INTER_LATIN_600), ...(needsExtended ? [await embed(INTER_LATIN_EXT_600)] : [])];
  const page = pdf.addPage([841.89, 595.28]);
  const { width, height } = page.getSize();

  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: BRAND, borderWidth: 2 });
  page.drawRectangle({
    x: 32,
    y: 32,
    width: width - 64,
    height: height - 64,
    borderColor: rgb(0.78, 0.82, 0.99),
    borderWidth: 0.75,
  });
  const badge = await pdf.embedPng(base64ToBytes(BADGE_PNG_BASE64));
  page.drawImage(badge, { x: width / 2 - 45, y: height - 150, width: 90, height: 90 });

  const wording = PDF_WORDING[input.kind ?? "course"];
  drawCentered(page, wording.heading, height - 180, 13, bold, BRAND);
  drawCentered(page, "This certifies that", height - 222, 13, regular, MUTED);
  drawCentered(page, input.recipientName, height - 270, fitSize(input.recipientName, bold, 36, width - 160), bold);
  drawCentered(page, wording.verb, height - 305, 13, regular, MUTED);
  drawCentered(page, input.courseTitle, height - 345, fitSize(input.courseTitle, bold, 26, width - 160), bold);
  drawCentered(page, input.cohortName, height - 372, 12, regular, MUTED);

  const footerY = 78;
  page.drawText(`Issued by ${input.issuerName}`, { x: 64, y: footerY + 36, size: 11, font: bold[0], color: INK });
  page.drawText(`Issued on ${input.issuedOn}${input.validUntil ? ` · valid until ${input.validUntil}` : ""}`, {
    x: 64,
    y: footerY + 18,
    size: 10,
    font: regular[0],
    color: MUTED,
  });
  page.drawText("Signed Open Badges 3.0 credential. Verify it at:", {
    x: 64,
    y: footerY,
    size: 9,
    font: regular[0],
    color: MUTED,
  });
  page.drawText(input.verifyUrl, { x: 64, y: footerY - 14, size: 9, font: regular[0], color: BRAND });
  page.drawText(input.credentialId, { x: 64, y: footerY - 28, size: 7, font: regular[0], color: MUTED });
  drawQr(page, input.verifyUrl, width - 64 - 84, footerY - 30, 84);

  // objectsPerTick: Infinity — no setTimeout between objects (one small page; nothing to yield for).
  return await pdf.save({ objectsPerTick: Infinity, useObjectStreams: false });
}
