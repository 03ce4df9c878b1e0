import localFont from "next/font/local";

/**
 * Inter from npm (offline builds cannot fetch Google Fonts), preloaded. `optional`: if it has not arrived within
 * the first ~100 ms the page keeps the metric-matched fallback for this view instead of swapping fonts (and moving
 * text) later; it is cached for the next page.
 */
export const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  weight: "100 900",
  display: "optional",
});
