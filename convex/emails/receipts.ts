import { emailLayout } from "./layout";

export function receiptEmail(options: {
  name: string;
  courseTitle: string;
  cohortName: string;
  dates: string;
  amount: string;
  learnUrl: string;
}) {
  return {
    subject: `Payment received — you're in: ${options.courseTitle}`,
    ...emailLayout({
      heading: `Payment received — you're in, ${options.name.split(" ")[0]}`,
      paragraphs: [
        `Your seat in ${options.cohortName} (${options.dates}) is confirmed. We received ${options.amount}.`,
        "The attached calendar file adds every session to your calendar; your schedule, join links and enablement kit are on your learning page.",
      ],
      action: { label: "Open my learning page", url: options.learnUrl },
    }),
  };
}

export function refundEmail(options: { name: string; courseTitle: string; cohortName: string; amount: string }) {
  return {
    subject: `Refund confirmed: ${options.courseTitle}`,
    ...emailLayout({
      heading: "Your refund is on its way",
      paragraphs: [
        `Hi ${options.name.split(" ")[0]}, we refunded ${options.amount} for ${options.cohortName}. Depending on your bank it appears within 5–10 business days.`,
        "Your seat has been released and access to the cohort's materials has ended. We hope to see you in a future cohort.",
      ],
    }),
  };
}
