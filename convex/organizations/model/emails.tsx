import { EmailFrame, Paragraph, renderEmail } from "../../integrations/emailFrame";

export async function inviteEmail(options: {
  organizationName: string;
  inviterName: string;
  cohortName?: string;
  expires: string;
  url: string;
}) {
  return {
    subject: `${options.inviterName} invited you to ${options.organizationName} on AI Enablement Academy`,
    ...(await renderEmail(
      <EmailFrame
        preview={`Your seat at ${options.organizationName} is waiting`}
        heading={`Join ${options.organizationName} at AI Enablement Academy`}
        action={{ label: "Accept invitation", url: options.url }}
      >
        <Paragraph>
          {options.inviterName} reserved a seat for you in {options.organizationName}&apos;s learning programme.
          {options.cohortName ? ` You are booked into ${options.cohortName}.` : ""}
        </Paragraph>
        <Paragraph>
          Sign in with this email address to accept. The link works once and expires on {options.expires}.
        </Paragraph>
      </EmailFrame>,
    )),
  };
}
