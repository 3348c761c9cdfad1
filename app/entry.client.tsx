import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

async function hydrate() {
  // An English page loads the English strings before hydration (app/locales/english.ts); a Chinese page never
  // downloads them. Switching language reloads the document (root.tsx), so this runs again.
  if (document.documentElement.lang === "en") await import("./locales/english");
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
}

void hydrate();
