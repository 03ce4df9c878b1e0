/** A small RFC 4180 CSV reader for invite uploads (quoted fields, commas and newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === "," || c === ";" || c === "\t") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * The addresses in an invite CSV with their line numbers: the column headed
 * "email" (any case) or else the first column; blank lines are skipped.
 */
export function inviteRows(text: string) {
  const rows = parseCsv(text.replace(/^\uFEFF/, ""));
  const header = rows[0]?.map((cell) => cell.trim().toLowerCase()) ?? [];
  const headed = header.findIndex((cell) => cell === "email" || cell === "e-mail" || cell === "email address");
  const column = headed >= 0 ? headed : 0;
  const start = headed >= 0 ? 1 : 0;
  const out: Array<{ line: number; value: string }> = [];
  for (let i = start; i < rows.length; i++) {
    const value = (rows[i][column] ?? "").trim();
    if (value === "" && rows[i].every((cell) => cell.trim() === "")) continue;
    out.push({ line: i + 1, value });
  }
  return out;
}
