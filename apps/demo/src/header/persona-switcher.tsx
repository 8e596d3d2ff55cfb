import { useId } from 'react';
import type { Persona } from '../session/demo-session.ts';

export interface PersonaSwitcherProps {
  personas: readonly Persona[];
  current: Persona;
  onChange: (personaId: string) => void;
}

/** Who the viewer is, as a plain select: the choice lives in the URL (`?as=pro`) so links are shareable. */
export function PersonaSwitcher({ personas, current, onChange }: PersonaSwitcherProps) {
  const selectId = useId();
  const descriptionId = useId();
  return (
    <div className="demo-persona">
      <label htmlFor={selectId}>Viewing as</label>
      <select
        id={selectId}
        value={current.id}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={descriptionId}
      >
        {personas.map((persona) => (
          <option key={persona.id} value={persona.id}>
            {persona.label}
          </option>
        ))}
      </select>
      <p id={descriptionId} className="demo-persona__description">
        {current.description}
        {current.email ? <span className="demo-muted"> · {current.email}</span> : null}
      </p>
    </div>
  );
}
