import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Loading } from './components/common';
import { get, logout, onSessionLost, resume } from './lib/api';
import { matchRoute, navigate, useLocation } from './lib/router';
import { SessionContext, sessionOf, type Session } from './lib/session';
import type { Me } from './lib/types';
import { Analytics } from './screens/Analytics';
import { AuditLog } from './screens/AuditLog';
import { BatchUpload, JobView } from './screens/Batch';
import { GradingView } from './screens/GradingView';
import { History } from './screens/History';
import { Login } from './screens/Login';
import { ReviewQueue } from './screens/ReviewQueue';
import { NewRubric, RubricEditor } from './screens/RubricEditor';
import { RubricLibrary } from './screens/RubricLibrary';
import { RubricPage } from './screens/RubricPage';
import { Submit } from './screens/Submit';
import { Users } from './screens/Users';

interface Screen {
  path: string;
  permission: string;
  /** Shown in the navigation when set. */
  nav?: string;
  render(params: Record<string, string>, query: URLSearchParams): ComponentChildren;
}

const SCREENS: Screen[] = [
  { path: '/submit', permission: 'gradings.create', nav: 'Submit', render: () => <Submit /> },
  { path: '/gradings', permission: 'gradings.read', nav: 'Gradings', render: () => <History /> },
  { path: '/gradings/:id', permission: 'gradings.read', render: (p) => <GradingView id={p.id ?? ''} /> },
  { path: '/rubrics', permission: 'rubrics.read', nav: 'Rubrics', render: () => <RubricLibrary /> },
  { path: '/rubrics/new', permission: 'rubrics.write', render: () => <NewRubric /> },
  { path: '/rubrics/:id', permission: 'rubrics.read', render: (p, q) => <RubricPage id={p.id ?? ''} version={q.get('version') ?? undefined} /> },
  { path: '/rubrics/:id/edit', permission: 'rubrics.write', render: (p, q) => <RubricEditor id={p.id ?? ''} version={q.get('version') ?? undefined} /> },
  { path: '/analytics', permission: 'analytics.read', nav: 'Analytics', render: () => <Analytics /> },
  { path: '/batch', permission: 'gradings.batch', nav: 'Batch upload', render: () => <BatchUpload /> },
  { path: '/jobs/:id', permission: 'gradings.batch', render: (p) => <JobView id={p.id ?? ''} /> },
  { path: '/reviews', permission: 'gradings.review', nav: 'Review queue', render: () => <ReviewQueue /> },
  { path: '/users', permission: 'users.manage', nav: 'Users', render: () => <Users /> },
  { path: '/audit', permission: 'audit.read', nav: 'Audit log', render: () => <AuditLog /> },
];

function roleLabel(role: string): string {
  return role.replace('_', ' ');
}

function Shell({ session }: { session: Session }) {
  const { path, query } = useLocation();
  const allowed = SCREENS.filter((s) => session.can(s.permission));
  const home = allowed.find((s) => s.nav);
  useEffect(() => {
    if (path === '/' && home) navigate(home.path, true);
  }, [path, home]);
  // After a navigation, the new screen's heading takes the focus (screen readers announce it).
  useEffect(() => {
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.setAttribute('tabindex', '-1');
    if (document.activeElement === document.body || document.activeElement?.closest('nav.site')) heading?.focus({ preventScroll: true });
  }, [path]);
  let content: ComponentChildren = null;
  for (const screen of SCREENS) {
    const params = matchRoute(screen.path, path);
    if (!params) continue;
    content = session.can(screen.permission)
      ? screen.render(params, query)
      : <><h1>Not available</h1><p>Your role ({roleLabel(session.me.role)}) does not include this page.</p></>;
    break;
  }
  if (content === null && path !== '/') content = <><h1>Page not found</h1><p>There is no page at this address.</p></>;
  return (
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="site-header">
        <span class="brand">medgrade</span>
        <nav class="site" aria-label="Main">
          <ul>
            {allowed.filter((s) => s.nav).map((s) => (
              <li key={s.path}><a href={s.path} aria-current={path === s.path || path.startsWith(`${s.path}/`) ? 'page' : undefined}>{s.nav}</a></li>
            ))}
          </ul>
        </nav>
        <span class="who">
          <span data-testid="signed-in-as">{session.me.display_name ?? session.me.email}</span> ({roleLabel(session.me.role)})
          <button type="button" class="link-button" onClick={session.signOut}>Sign out</button>
        </span>
      </header>
      <main id="main">{content}</main>
    </>
  );
}

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const loadMe = () => get<Me>('/me').then(setMe, () => setMe(null));
  useEffect(() => {
    void resume().then((ok) => (ok ? loadMe() : setMe(null)));
    return onSessionLost(() => setMe(null));
  }, []);
  const session = useMemo(() => (me ? sessionOf(me, () => { void logout().then(() => { setMe(null); navigate('/'); }); }) : null), [me]);
  if (me === undefined) return <main id="main"><Loading /></main>;
  if (!session) return <Login onSignedIn={() => void loadMe()} />;
  return <SessionContext.Provider value={session}><Shell session={session} /></SessionContext.Provider>;
}
