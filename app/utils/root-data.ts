import { useRouteLoaderData } from "@remix-run/react";

/** What the root loader gives every page (app/root.tsx): language, CSRF token, the signed-in user's navigation flags. */
export interface RootData {
  locale: "zh-CN" | "en";
  csrfToken: string;
  user: {
    displayName: string;
    isCitizen: boolean;
    canWorkspace: boolean;
    canAdmin: boolean;
    /** The user's unread notifications, for the header's link to /notifications. */
    unread: number;
  } | null;
  session: { secondsLeft: number; warnBeforeSeconds: number } | null;
}

export function useRootData(): RootData | undefined {
  return useRouteLoaderData("root") as RootData | undefined;
}
