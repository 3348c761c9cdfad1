import { useNavigate } from "@remix-run/react";
import { useCallback, type MouseEvent, type ReactNode } from "react";

/**
 * Plain links, client-side navigation: a long list renders its links as plain <a href> (cheap on the server: the
 * staff queue's 50 rows each had a router <Link>, whose hooks were a tenth of the page's render, issue 8 P1/P3) and
 * one click listener on the list navigates within the app, as <Link> would. A click with a modifier key, another
 * button, a target, a download or another origin is left to the browser; without JavaScript the links simply load.
 */
export function useDelegatedNavigation() {
  const navigate = useNavigate();
  return useCallback(
    (event: MouseEvent<HTMLElement>) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
      const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(anchor instanceof HTMLAnchorElement) || !event.currentTarget.contains(anchor)) return;
      if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download") || anchor.hasAttribute("data-reload")) return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      event.preventDefault();
      navigate(url.pathname + url.search + url.hash);
    },
    [navigate],
  );
}

/** A container whose plain links navigate within the app (see useDelegatedNavigation). */
export function ClientNav({ children, className }: { children: ReactNode; className?: string }) {
  const onClick = useDelegatedNavigation();
  return (
    // the links inside are the interactive elements; this only routes their clicks
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
    <div className={className} onClick={onClick}>
      {children}
    </div>
  );
}
