import { emailLayout } from "./layout";

export function magicLinkEmail(url: string, expiresInMinutes: number) {
  return {
    subject: "Your sign-in link for AI Enablement Academy",
    ...emailLayout({
      heading: "Sign in to AI Enablement Academy",
      paragraphs: [
        `Click the button below to sign in. The link works once and expires in ${expiresInMinutes} minutes.`,
        "If you did not ask to sign in, you can ignore this email.",
      ],
      action: { label: "Sign in", url },
    }),
  };
}
