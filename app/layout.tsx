import { ConvexAuthNextjsServerProvider } from "@convex-dev/auth/nextjs/server";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AnalyticsConsent } from "@/components/analytics/analytics-consent";
import { SiteHeader } from "@/components/layout/site-header";
import { ConvexClientProvider } from "@/components/providers/convex-client-provider";
import { ToastProvider } from "@/components/ui/toast";
import { SITE_CARD_IMAGE, SITE_DESCRIPTION, SITE_NAME, siteUrl } from "@/lib/site";
import { inter } from "./fonts";
import "./globals.css";
import { cn } from "@/lib/utils";

/** Per request, so canonical and social-card URLs use the origin this server is configured with. */
export function generateMetadata(): Metadata {
  return {
    metadataBase: siteUrl(),
    title: { default: SITE_NAME, template: `%s · ${SITE_NAME}` },
    description: SITE_DESCRIPTION,
    applicationName: SITE_NAME,
    openGraph: { type: "website", siteName: SITE_NAME, locale: "en_US", images: [SITE_CARD_IMAGE] },
    twitter: { card: "summary_large_image", images: [SITE_CARD_IMAGE] },
  };
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <ConvexAuthNextjsServerProvider>
      <html lang="en" className={inter.variable}>
        <body className="flex min-h-screen flex-col font-sans">
          <ConvexClientProvider>
            <ToastProvider>
              <a
                href="#main"
                className={cn(
                  "sr-only focus:not-sr-only focus:absolute focus:top-4 focus:left-4 focus:z-50",
                  "focus:rounded focus:bg-white focus:px-3 focus:py-2",
                )}
              >
                Skip to content
              </a>
              <SiteHeader />
              <main id="main" className="flex-1">
                {children}
              </main>
              <footer className="border-t border-gray-200 bg-white">
                <div
                  className={cn(
                    "mx-auto flex max-w-[1100px] flex-wrap items-center justify-between gap-2 px-4 py-6",
                    "text-sm text-gray-600",
                  )}
                >
                  <span>© 2026 AI Enablement Academy</span>
                  <span className="flex flex-wrap items-center gap-4">
                    <span>Live cohorts · Enablement kits · Verifiable certificates</span>
                    <AnalyticsConsent />
                  </span>
                </div>
              </footer>
            </ToastProvider>
          </ConvexClientProvider>
        </body>
      </html>
    </ConvexAuthNextjsServerProvider>
  );
}
