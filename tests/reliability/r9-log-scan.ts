// R9 (issue 8 req. 3): the whole server log of this run — every start, every kill -9, the graceful stop — searched for
// what must never be logged: every value the harness used (registered phone numbers and passwords, session tokens,
// CSRF tokens, resident ID numbers it posted), and, whoever they belong to, any 18-character resident ID number and
// any mainland mobile number (the patterns of app/domain/personal-patterns.ts). Expected: 0 found, and a scan that is
// not vacuous (the log holds the run's requests; the harness did use values of every kind).
// The browser suite has its own scan of its server log: tests/e2e/zz-log-scan.test.ts.
import fs from "node:fs";
import { ID_18, MOBILE } from "~/domain/personal-patterns";
import type { CheckResult, Secrets } from "./lib/types";

const mask = (v: string) => (v.length <= 4 ? "****" : `${v.slice(0, 2)}…${v.slice(-2)} (${v.length})`);

export async function runR9(logFile: string, secrets: Secrets): Promise<CheckResult> {
  const text = fs.readFileSync(logFile, "utf8");
  const lines = text.split("\n");
  const found: string[] = [];
  let requestLines = 0;
  let idNumbers = 0;
  let mobiles = 0;
  let secretHits = 0;
  const values = [...secrets.values.entries()];
  lines.forEach((line, i) => {
    if (line.includes('"msg":"request"')) requestLines++;
    for (const m of line.matchAll(ID_18)) {
      idNumbers++;
      if (found.length < 8) found.push(`line ${i + 1}: resident ID ${mask(m[0])}`);
    }
    for (const m of line.matchAll(MOBILE)) {
      mobiles++;
      if (found.length < 8) found.push(`line ${i + 1}: mobile ${mask(m[0])}`);
    }
    for (const [value, kind] of values) {
      if (line.includes(value)) {
        secretHits++;
        if (found.length < 8) found.push(`line ${i + 1}: ${kind} ${mask(value)}`);
      }
    }
  });
  const searched = {
    phones: secrets.count("phone"),
    passwords: secrets.count("password"),
    sessionTokens: secrets.count("session token"),
    csrfTokens: secrets.count("csrf token") + secrets.count("anonymous csrf token"),
    idNumbers: secrets.count("resident ID number"),
  };
  const vacuous = requestLines < 100 || Object.values(searched).some((n) => n === 0);
  const counts = {
    linesScanned: lines.length,
    requestLines,
    valuesSearched: values.length,
    ...Object.fromEntries(Object.entries(searched).map(([k, v]) => [`searched_${k}`, v])),
    foundIdNumbers: idNumbers,
    foundMobiles: mobiles,
    foundHarnessValues: secretHits,
    found: idNumbers + mobiles + secretHits,
  };
  const ok = !vacuous && counts.found === 0;
  const detail = vacuous ? `vacuous scan: ${requestLines} request lines, searched ${JSON.stringify(searched)}` : found.join("; ") || undefined;
  return { name: "R9 server log scan", counts, ok, detail };
}
