import { BillingAdmin } from '@billing-kit/react';
import type { Persona } from '../session/demo-session.ts';

export interface AdminPageProps {
  persona: Persona;
  now: string;
  onSwitchToAdmin: (() => void) | null;
}

/** The operator console, for the admin persona only; anyone else is told so and offered the switch. */
export function AdminPage({ persona, now, onSwitchToAdmin }: AdminPageProps) {
  return (
    <div className="demo-panel">
      <h1>Admin console</h1>
      {persona.role === 'admin' ? (
        <BillingAdmin now={Date.parse(now)} />
      ) : (
        <div className="demo-notice">
          <p>The admin console is for Quill’s operators. {persona.label} is a customer.</p>
          {onSwitchToAdmin ? (
            <button type="button" className="demo-button" onClick={onSwitchToAdmin}>
              View as Admin
            </button>
          ) : null}
        </div>
      )}
    </div>
  );
}
