import { EmailFrame, Paragraph, renderEmail } from "../../integrations/emailFrame";

export async function offerEmail(options: {
  name: string;
  courseTitle: string;
  cohortName: string;
  expires: string;
  url: string;
}) {
  return {
    subject: `A seat is yours: ${options.courseTitle}`,
    ...(await renderEmail(
      <EmailFrame
        preview={`A seat opened in ${options.cohortName}`}
        heading={`A seat opened up for you, ${options.name.split(" ")[0]}`}
        action={{ label: "Claim my seat", url: options.url }}
      >
        <Paragraph>
          You were next on the waitlist for {options.cohortName}. We are holding the seat for you until{" "}
          {options.expires}; after that it goes to the next person in line.
        </Paragraph>
        <Paragraph>If you no longer want it, decline on the same page so someone else can have it.</Paragraph>
      </EmailFrame>,
    )),
  };
}
