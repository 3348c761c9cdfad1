// Warns before the idle timeout ends the session, with one click to extend it (POST /session/extend).
import { useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useT } from "~/utils/i18n";
import { CsrfInput } from "./csrf-input";

export function SessionTimeoutWarning({ secondsLeft, warnBeforeSeconds }: { secondsLeft: number; warnBeforeSeconds: number }) {
  const t = useT();
  const fetcher = useFetcher<{ secondsLeft?: number }>();
  const revalidator = useRevalidator();
  const [deadline, setDeadline] = useState(() => Date.now() + secondsLeft * 1000);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => setDeadline(Date.now() + secondsLeft * 1000), [secondsLeft]);
  useEffect(() => {
    if (fetcher.data?.secondsLeft) setDeadline(Date.now() + fetcher.data.secondsLeft * 1000);
  }, [fetcher.data]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const remaining = Math.max(0, Math.round((deadline - now) / 1000));
  useEffect(() => {
    if (remaining === 0) revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [remaining === 0]);

  if (remaining > warnBeforeSeconds) return null;
  if (remaining === 0) {
    return (
      <div className="session-warning" role="alert">
        <p>{t("session.expired")}</p>
        <a className="button button--primary" href="/login">
          {t("nav.login")}
        </a>
      </div>
    );
  }
  return (
    <div className="session-warning" role="alert" aria-live="assertive">
      <p>{t("session.expiring", { seconds: remaining })}</p>
      <fetcher.Form method="post" action="/session/extend">
        <CsrfInput />
        <button type="submit" className="button button--primary">
          {t("session.extend")}
        </button>
      </fetcher.Form>
    </div>
  );
}
