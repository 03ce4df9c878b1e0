import { EmailFrame, Paragraph, renderEmail } from "../../integrations/emailFrame";

export async function magicLinkEmail(url: string, expiresInMinutes: number) {
  return {
    subject: "Your sign-in link for AI Enablement Academy",
    ...(await renderEmail(
      <EmailFrame preview="Your sign-in link" heading="Sign in to AI Enablement Academy" action={{ label: "Sign in", url }}>
        <Paragraph>Click the button below to sign in. The link works once and expires in {expiresInMinutes} minutes.</Paragraph>
        <Paragraph>If you did not ask to sign in, you can ignore this email.</Paragraph>
      </EmailFrame>,
    )),
  };
}
