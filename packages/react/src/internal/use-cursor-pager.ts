'use client';
import { useState } from 'react';

/** Cursor pagination remembers the cursors it came through, so "previous" needs no offset. */
export function useCursorPager() {
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  return {
    cursor,
    page: cursors.length + 1,
    hasPrevious: cursors.length > 0,
    next: (nextCursor: string) => setCursors((previous) => [...previous, nextCursor]),
    previous: () => setCursors((previous) => previous.slice(0, -1)),
    reset: () => setCursors([]),
  };
}
