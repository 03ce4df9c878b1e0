import { EmailFrame, Paragraph, renderEmail } from "../../integrations/emailFrame";

export async function magicLinkEmail(url: string, expiresInMinutes: number) {
  return {
    subject: "Your sign-in link for AI Enablement Academy",
    ...(await renderEmail(
      <EmailFrame
        preview="Your sign-in link"
        heading="Sign in to AI Enablement Academy"
        action={{ label: "Sign in", url }}
      >
        <Paragraph>
          Click the button below to sign in. The link works once and expires in {expiresInMinutes} minutes.
        </Paragraph>
        <Paragraph>If you did not ask to sign in, you can ignore this email.</Paragraph>
      </EmailFrame>,
    )),
  };
}

export async function confirmEmailChangeEmail(options: {
  name: string;
  newEmail: string;
  url: string;
  expiresInHours: number;
}) {
  return {
    subject: "Confirm your new email address for AI Enablement Academy",
    ...(await renderEmail(
      <EmailFrame
        preview="Confirm your new email address"
        heading="Confirm your new email address"
        action={{ label: "Confirm this address", url: options.url }}
      >
        <Paragraph>
          Hi {options.name}, you asked to sign in to AI Enablement Academy with {options.newEmail} from now on. Open the
          link while signed in to your account to confirm. It works once and expires in {options.expiresInHours} hours.
        </Paragraph>
        <Paragraph>If you did not ask for this, ignore this email: nothing changes.</Paragraph>
      </EmailFrame>,
    )),
  };
}

export async function emailChangedEmail(options: { name: string; newEmail: string }) {
  return {
    subject: "Your AI Enablement Academy email address was changed",
    ...(await renderEmail(
      <EmailFrame preview="Your sign-in address changed" heading="Your email address was changed">
        <Paragraph>
          Hi {options.name}, your account now signs in with {options.newEmail}, and our emails go there. This address no
          longer signs in.
        </Paragraph>
        <Paragraph>
          If you did not make this change, reply to this email at once so we can secure your account.
        </Paragraph>
      </EmailFrame>,
    )),
  };
}
