import { useEffect, useState } from 'preact/hooks';

// Client routes on the History API (the gateway answers index.html for them). A route is a
// pattern such as /rubrics/:id; `useRoute` re-renders on navigation.

let listeners: (() => void)[] = [];

export function navigate(to: string, replace = false): void {
  if (to === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  listeners.forEach((l) => l());
}

addEventListener('popstate', () => listeners.forEach((l) => l()));

export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((t) => t + 1);
    listeners.push(listener);
    return () => { listeners = listeners.filter((l) => l !== listener); };
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/** The named parts of `path` when it matches `pattern`, or null. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(`^${pattern.replace(/:([a-z_]+)/g, (_, name: string) => { names.push(name); return '([^/]+)'; })}/?$`);
  const match = regex.exec(path);
  if (!match) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
}

/** Same-origin link clicks become client navigations (modifier clicks open tabs as usual). */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element).closest('a');
    if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
    if (link.pathname.startsWith('/api/') || link.pathname.startsWith('/docs')) return;
    event.preventDefault();
    navigate(link.pathname + link.search);
  });
}
