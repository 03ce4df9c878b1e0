import { EmailFrame, Paragraph, renderEmail } from "../../integrations/emailFrame";

export async function receiptEmail(options: {
  name: string;
  courseTitle: string;
  cohortName: string;
  dates: string;
  amount: string;
  /** The promotion code the buyer used: the price before it and what it took off. */
  discount?: { code: string; listPrice: string; amountOff: string };
  learnUrl: string;
}) {
  return {
    subject: `Payment received — you're in: ${options.courseTitle}`,
    ...(await renderEmail(
      <EmailFrame
        preview={`Your seat in ${options.cohortName} is confirmed`}
        heading={`Payment received — you're in, ${options.name.split(" ")[0]}`}
        action={{ label: "Open my learning page", url: options.learnUrl }}
      >
        <Paragraph>
          Your seat in {options.cohortName} ({options.dates}) is confirmed. We received {options.amount}.
        </Paragraph>
        {options.discount && (
          <Paragraph>
            Price {options.discount.listPrice}, less {options.discount.amountOff} with the code {options.discount.code}.
          </Paragraph>
        )}
        <Paragraph>
          The attached calendar file adds every session to your calendar; your schedule, join links and enablement kit
          are on your learning page.
        </Paragraph>
      </EmailFrame>,
    )),
  };
}

export async function refundEmail(options: { name: string; courseTitle: string; cohortName: string; amount: string }) {
  return {
    subject: `Refund confirmed: ${options.courseTitle}`,
    ...(await renderEmail(
      <EmailFrame preview={`We refunded ${options.amount}`} heading="Your refund is on its way">
        <Paragraph>
          Hi {options.name.split(" ")[0]}, we refunded {options.amount} for {options.cohortName}. Depending on your bank
          it appears within 5–10 business days.
        </Paragraph>
        <Paragraph>
          Your seat has been released and access to the cohort&apos;s materials has ended. We hope to see you in a
          future cohort.
        </Paragraph>
      </EmailFrame>,
    )),
  };
}
