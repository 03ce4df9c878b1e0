import localFont from "next/font/local";

/** Inter from npm (offline builds cannot fetch Google Fonts). */
export const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  weight: "100 900",
  display: "swap",
});
