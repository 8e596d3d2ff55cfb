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

const links: { page: PageId; label: string; shownTo: (persona: Persona) => boolean }[] = [
  { page: 'write', label: 'Write', shownTo: (persona) => persona.accountId !== null },
  { page: 'pricing', label: 'Pricing', shownTo: (persona) => persona.accountId !== null },
  { page: 'billing', label: 'Billing', shownTo: (persona) => persona.accountId !== null },
  { page: 'admin', label: 'Admin', shownTo: (persona) => persona.role === 'admin' },
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
            .filter((link) => link.shownTo(persona))
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
