// Sets document.title from a translated string (meta functions cannot read the visitor's language).
import { useEffect } from "react";
import { useT } from "~/utils/i18n";

export function PageTitle({ title }: { title: string }) {
  const t = useT();
  const full = `${title} - ${t("app.shortName")}`;
  useEffect(() => {
    document.title = full;
  }, [full]);
  return null;
}
