/**
 * The 1200×630 card shown when a page is shared (Open Graph / Twitter), drawn by `next/og` from plain JSX with
 * inline styles (its renderer supports flexbox only). Inter comes from npm, read once per server process.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ImageResponse } from "next/og";
import { SOCIAL_CARD_SIZE } from "@/lib/site";

const FONT_DIR = path.join(process.cwd(), "node_modules", "@fontsource", "inter", "files");
let fonts: Promise<Array<{ name: string; data: Buffer; weight: 400 | 600; style: "normal" }>> | null = null;

function loadFonts() {
  fonts ??= Promise.all(
    ([400, 600] as const).map(async (weight) => ({
      name: "Inter",
      data: await readFile(path.join(FONT_DIR, `inter-latin-${weight}-normal.woff`)),
      weight,
      style: "normal" as const,
    })),
  );
  return fonts;
}

export async function socialCard({
  eyebrow,
  title,
  text,
  footer,
}: {
  eyebrow: string;
  title: string;
  text?: string;
  footer?: [string, string];
}) {
  return new ImageResponse(
    <div
      style={{
        display: "flex",
        flexDirection: "column",
        width: "100%",
        height: "100%",
        background: "#f9fafb",
        fontFamily: "Inter",
        color: "#111827",
      }}
    >
      <div style={{ display: "flex", height: 16, background: "#4338ca" }} />
      <div style={{ display: "flex", flexDirection: "column", flex: 1, padding: "56px 72px 0" }}>
        <div style={{ display: "flex", alignItems: "center", fontSize: 28, fontWeight: 600, color: "#3730a3" }}>
          <div
            style={{ display: "flex", width: 28, height: 28, borderRadius: 6, background: "#4338ca", marginRight: 16 }}
          />
          AI Enablement Academy
        </div>
        <div style={{ display: "flex", marginTop: 56, fontSize: 28, color: "#4b5563" }}>{eyebrow}</div>
        <div
          style={{
            display: "flex",
            marginTop: 12,
            fontSize: title.length > 40 ? 60 : 72,
            fontWeight: 600,
            lineHeight: 1.1,
            letterSpacing: -1,
          }}
        >
          {title}
        </div>
        {text && (
          <div
            style={{
              display: "flex",
              marginTop: 24,
              fontSize: 30,
              lineHeight: 1.35,
              color: "#374151",
              maxHeight: 84,
              overflow: "hidden",
            }}
          >
            {text}
          </div>
        )}
      </div>
      {footer && (
        <div
          style={{
            display: "flex",
            justifyContent: "space-between",
            alignItems: "center",
            padding: "28px 72px",
            borderTop: "2px solid #e5e7eb",
            background: "#ffffff",
            fontSize: 32,
          }}
        >
          <div style={{ display: "flex", color: "#374151" }}>{footer[0]}</div>
          <div style={{ display: "flex", fontWeight: 600 }}>{footer[1]}</div>
        </div>
      )}
    </div>,
    { ...SOCIAL_CARD_SIZE, fonts: await loadFonts() },
  );
}
