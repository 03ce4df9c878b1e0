import { EmailFrame, Paragraph, renderEmail } from "../../integrations/emailFrame";

/** A session change, cancellation or reminder: one message for every learner of the cohort. */
export async function sessionEmail(options: {
  subject: string;
  heading: string;
  lines: string[];
  url: string;
  actionLabel: string;
}) {
  return {
    subject: options.subject,
    ...(await renderEmail(
      <EmailFrame
        preview={options.lines[0] ?? options.heading}
        heading={options.heading}
        action={{ label: options.actionLabel, url: options.url }}
      >
        {options.lines.map((line) => (
          <Paragraph key={line}>{line}</Paragraph>
        ))}
      </EmailFrame>,
    )),
  };
}
