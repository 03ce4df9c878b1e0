import { EmailFrame, Paragraph, renderEmail } from "../../integrations/emailFrame";

/** The receipt of a bundle: what was paid, the saving, and how the seats work. */
export async function bundleReceiptEmail(options: {
  name: string;
  pathTitle: string;
  amount: string;
  listPrice: string;
  saving: string | null;
  courseTitles: string[];
  openNow: string[];
  pathUrl: string;
}) {
  return {
    subject: `Payment received — you're enrolled in the ${options.pathTitle}`,
    ...(await renderEmail(
      <EmailFrame
        preview={`Your ${options.pathTitle} is ready`}
        heading={`Payment received — welcome to the ${options.pathTitle}, ${options.name.split(" ")[0]}`}
        action={{ label: "Open my path", url: options.pathUrl }}
      >
        <Paragraph>
          We received {options.amount} for the {options.pathTitle}
          {options.saving ? ` (the courses cost ${options.listPrice} one by one: you saved ${options.saving})` : ""}.
        </Paragraph>
        <Paragraph>
          It includes a seat in each of {options.courseTitles.join(", ")}. Choose a cohort for each course as its step
          opens; we tell you when one does.
        </Paragraph>
        <Paragraph>
          {options.openNow.length > 0
            ? `Open now: ${options.openNow.join(", ")}.`
            : "Your first step opens soon; we will tell you when."}
        </Paragraph>
      </EmailFrame>,
    )),
  };
}
