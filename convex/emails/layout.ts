/** Shared HTML frame for transactional emails: plain, readable, one call to action. */
export function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function emailLayout(options: { heading: string; paragraphs: string[]; action?: { label: string; url: string }; footer?: string }) {
  const paragraphs = options.paragraphs.map((p) => `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(p)}</p>`).join("");
  const action = options.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(options.action.url)}" style="background:#4338ca;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600;display:inline-block">${escapeHtml(options.action.label)}</a></p>
       <p style="margin:0 0 16px;font-size:12px;color:#6b7280">Or paste this link into your browser:<br>${escapeHtml(options.action.url)}</p>`
    : "";
  const html = `<!doctype html><html><body style="margin:0;background:#f9fafb;font-family:Inter,Helvetica,Arial,sans-serif;color:#111827">
<div style="max-width:560px;margin:0 auto;padding:32px 24px"><div style="background:#ffffff;border:1px solid #e5e7eb;border-radius:8px;padding:32px">
<p style="margin:0 0 24px;font-weight:700;color:#4338ca">AI Enablement Academy</p>
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(options.heading)}</h1>${paragraphs}${action}
</div><p style="font-size:12px;color:#6b7280;margin:16px 0 0">${escapeHtml(options.footer ?? "You receive this email because of your account at AI Enablement Academy.")}</p></div></body></html>`;
  const text = [options.heading, "", ...options.paragraphs, ...(options.action ? ["", `${options.action.label}: ${options.action.url}`] : [])].join("\n");
  return { html, text };
}
