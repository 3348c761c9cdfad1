import { useRouteLoaderData } from "@remix-run/react";

/** What the root loader gives every page (app/root.tsx): language, CSRF token, the signed-in user's navigation flags. */
export interface RootData {
  locale: "zh-CN" | "en";
  csrfToken: string;
  user: { displayName: string; isCitizen: boolean; canWorkspace: boolean; canAdmin: boolean } | null;
  session: { secondsLeft: number; warnBeforeSeconds: number } | null;
}

export function useRootData(): RootData | undefined {
  return useRouteLoaderData("root") as RootData | undefined;
}
