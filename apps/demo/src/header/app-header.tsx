import type { PageId } from '../demo-location.ts';
import type { DemoSession, Persona } from '../session/demo-session.ts';
import { PersonaSwitcher } from './persona-switcher.tsx';
import { TimeTravel } from './time-travel.tsx';

export interface AppHeaderProps {
  session: DemoSession;
  persona: Persona;
  page: PageId;
  now: string;
  onPersonaChange: (personaId: string) => void;
  onClockAdvanced: (now: string) => void;
}

const links: { page: PageId; label: string; adminOnly?: boolean }[] = [
  { page: 'write', label: 'Write' },
  { page: 'pricing', label: 'Pricing' },
  { page: 'billing', label: 'Billing' },
  { page: 'admin', label: 'Admin', adminOnly: true },
];

export function AppHeader({ session, persona, page, now, onPersonaChange, onClockAdvanced }: AppHeaderProps) {
  return (
    <header className="demo-header">
      <div className="demo-header__brand">
        <a href="#/write" className="demo-logo">
          Quill
        </a>
        <span className="demo-badge" title="Where the data comes from">
          {session.mode === 'live' ? 'Live: server + Stripe emulator' : 'Offline: mock data'}
        </span>
      </div>
      <nav aria-label="Main" className="demo-nav">
        <ul>
          {links
            .filter((link) => !link.adminOnly || persona.role === 'admin')
            .map((link) => (
              <li key={link.page}>
                <a href={`#/${link.page}`} aria-current={link.page === page ? 'page' : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
        </ul>
      </nav>
      <div className="demo-header__controls">
        <PersonaSwitcher personas={session.personas} current={persona} onChange={onPersonaChange} />
        <TimeTravel now={now} advanceClock={session.advanceClock} onAdvanced={onClockAdvanced} />
      </div>
    </header>
  );
}
