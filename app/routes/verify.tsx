// /verify: anyone holding a receipt checks it against the record (issue 4, req. 7) with a GET form that works without
// JavaScript. The answer shows only what the receipt already says (receive time, organ) — no personal data — and warns
// when the record held now no longer hashes to the receipt. Bad input answers 400 with messages, never a 500.
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/form";
import { CASE_NUMBER_PATTERN, normalizeReceiptHash } from "~/domain/receipt";
import { verifyReceipt } from "~/services/filing.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/mediation";

export const meta = titleMeta("verify.title");

/** The parts of an instant on the Beijing clock (UTC+8 all year; no daylight saving since 1991). */
function shanghaiClock(at: Date) {
  const d = new Date(at.getTime() + 8 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, "0");
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), hh: two(d.getUTCHours()), mm: two(d.getUTCMinutes()), ss: two(d.getUTCSeconds()) };
}

type Outcome =
  | { status: "match"; receivedAt: ReturnType<typeof shanghaiClock>; organName: string; recordIntact: boolean }
  | { status: "mismatch" }
  | { status: "unknown" };

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const values = { caseNumber: (params.get("caseNumber") ?? "").slice(0, 100), hash: (params.get("hash") ?? "").slice(0, 200) };
  const errors: Record<string, string> = {};
  if (!params.has("caseNumber") && !params.has("hash")) return { values, errors, result: null as Outcome | null };

  // People copy case numbers with stray spaces or in lower case; the hash may come in groups of eight.
  const caseNumber = values.caseNumber.replace(/\s+/g, "").toUpperCase();
  const hash = normalizeReceiptHash(values.hash);
  if (!CASE_NUMBER_PATTERN.test(caseNumber)) errors.caseNumber = "verify.error.caseNumber";
  if (!hash) errors.hash = "verify.error.hash";
  if (!hash || errors.caseNumber) return data({ values, errors, result: null as Outcome | null }, { status: 400 });

  const found = await verifyReceipt(caseNumber, hash);
  const result: Outcome =
    found.status === "match"
      ? { status: "match", receivedAt: shanghaiClock(found.receivedAt), organName: found.organName, recordIntact: found.recordIntact }
      : { status: found.status };
  return { values, errors, result };
}

export default function Verify() {
  const t = useT();
  const { values, errors, result } = useLoaderData<typeof loader>();
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <section className="page page--narrow verify">
      <h1>{t("verify.heading")}</h1>
      <p className="lead">{t("verify.lead")}</p>

      {result ? (
        <section aria-labelledby="verify-result" className="verify__result">
          <h2 id="verify-result">{t("verify.resultHeading")}</h2>
          {result.status === "match" ? (
            <>
              <p className="alert alert--success" role="status">
                {t("verify.match", { time: t("receipt.time", result.receivedAt), organ: result.organName })}
              </p>
              {!result.recordIntact ? (
                <p className="alert alert--error" role="alert">
                  {t("verify.notIntact")}
                </p>
              ) : null}
            </>
          ) : (
            <p className="alert alert--error" role="status">
              {t(result.status === "mismatch" ? "verify.mismatch" : "verify.unknown")}
            </p>
          )}
        </section>
      ) : null}

      {hasErrors ? (
        <div className="alert alert--error" role="alert">
          {t("verify.error.summary")}
        </div>
      ) : null}

      <Form method="get" className="form" noValidate>
        <Field
          label={t("verify.caseNumber")}
          hint={t("verify.caseNumberHint")}
          name="caseNumber"
          defaultValue={values.caseNumber}
          error={errors.caseNumber}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
        />
        <Field
          label={t("verify.hash")}
          hint={t("verify.hashHint")}
          name="hash"
          defaultValue={values.hash}
          error={errors.hash}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          className="receipt__hash-input"
          required
        />
        <button type="submit" className="button button--primary">
          {t("verify.submit")}
        </button>
      </Form>

      <h2>{t("verify.howHeading")}</h2>
      <p className="muted">{t("verify.how")}</p>
    </section>
  );
}
