/** The academy's email frame (React Email): plain, readable, one call to action. */
import { Body, Button, Container, Head, Heading, Html, Preview, Section, Text } from "@react-email/components";
import { render } from "@react-email/render";
import type { ReactNode } from "react";

const brand = "#4338ca";

export function EmailFrame({
  preview,
  heading,
  children,
  action,
  footer,
}: {
  preview: string;
  heading: string;
  children: ReactNode;
  action?: { label: string; url: string };
  footer?: string;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body
        style={{
          backgroundColor: "#f9fafb",
          fontFamily: "Inter,Helvetica,Arial,sans-serif",
          color: "#111827",
          margin: 0,
        }}
      >
        <Container style={{ maxWidth: 560, margin: "0 auto", padding: "32px 24px" }}>
          <Section style={{ backgroundColor: "#ffffff", border: "1px solid #e5e7eb", borderRadius: 8, padding: 32 }}>
            <Text style={{ margin: "0 0 24px", fontWeight: 700, color: brand }}>AI Enablement Academy</Text>
            <Heading as="h1" style={{ fontSize: 20, margin: "0 0 16px" }}>
              {heading}
            </Heading>
            {children}
            {action && (
              <>
                <Button
                  href={action.url}
                  style={{
                    backgroundColor: brand,
                    color: "#ffffff",
                    padding: "12px 20px",
                    borderRadius: 6,
                    fontWeight: 600,
                  }}
                >
                  {action.label}
                </Button>
                <Text style={{ fontSize: 12, color: "#6b7280", marginTop: 16 }}>
                  Or paste this link into your browser: {action.url}
                </Text>
              </>
            )}
          </Section>
          <Text style={{ fontSize: 12, color: "#6b7280" }}>
            {footer ?? "You receive this email because of your account at AI Enablement Academy."}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={{ margin: "0 0 16px", lineHeight: 1.5, fontSize: 15 }}>{children}</Text>;
}

/** HTML and plain-text versions of a template. */
export async function renderEmail(element: ReactNode) {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
