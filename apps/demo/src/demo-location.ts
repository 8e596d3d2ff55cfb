import { useEffect, useState } from 'react';

const pages = ['write', 'pricing', 'billing', 'admin'] as const;
export type PageId = (typeof pages)[number];

/** Where the viewer is: the page in the hash (`#/pricing`), the persona in the query (`?as=pro`). */
export interface DemoLocation {
  page: PageId;
  personaId: string | null;
  /** `?paid=1` after a checkout returns to the billing page. */
  flash: string | null;
}

const isPage = (value: string): value is PageId => (pages as readonly string[]).includes(value);

function readLocation(location: Location = window.location): DemoLocation {
  const [path = '', hashQuery = ''] = location.hash.replace(/^#\/?/, '').split('?');
  return {
    page: isPage(path) ? path : 'write',
    personaId: new URLSearchParams(location.search).get('as'),
    flash: new URLSearchParams(hashQuery).get('flash'),
  };
}

/** An absolute URL of this app for a persona and page, e.g. for Stripe's success and cancel URLs. */
export function appUrl(personaId: string, page: PageId, flash?: string): string {
  const url = new URL(window.location.href);
  url.searchParams.set('as', personaId);
  url.hash = `/${page}${flash ? `?flash=${flash}` : ''}`;
  return url.href;
}

/** Pages change through links (`#/billing`); switching persona rewrites the query without a reload. */
export function pushPersona(personaId: string, page?: PageId) {
  const url = new URL(window.location.href);
  url.searchParams.set('as', personaId);
  if (page) url.hash = `/${page}`;
  window.history.pushState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function goTo(page: PageId, flash?: string) {
  window.location.hash = `/${page}${flash ? `?flash=${flash}` : ''}`;
}

export function useDemoLocation(): DemoLocation {
  const [location, setLocation] = useState(readLocation);
  useEffect(() => {
    const update = () => setLocation(readLocation());
    window.addEventListener('popstate', update);
    window.addEventListener('hashchange', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('hashchange', update);
    };
  }, []);
  return location;
}
