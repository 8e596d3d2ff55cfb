'use client';
import type { Page } from '@billing-kit/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { PagerButtons } from './pager-buttons.js';
import { EmptyState, ErrorState, Skeleton } from './query-states.js';
import type { useCursorPager } from './use-cursor-pager.js';

export interface PagedListProps<Item> {
  query: UseQueryResult<Page<Item>>;
  pager: ReturnType<typeof useCursorPager>;
  /** Plural noun for messages: "invoices", "purchases". */
  noun: string;
  children: (items: Item[]) => ReactNode;
}

/** A cursor-paged list's loading, error and empty states and its pager, around what the caller renders. */
export function PagedList<Item>({ query, pager, noun, children }: PagedListProps<Item>) {
  if (query.isPending) return <Skeleton label={`Loading ${noun}…`} rows={2} />;
  if (query.isError) {
    const message = `${noun.charAt(0).toUpperCase()}${noun.slice(1)} could not be loaded.`;
    return <ErrorState message={message} onRetry={() => void query.refetch()} />;
  }
  if (query.data.data.length === 0 && !pager.hasPrevious) return <EmptyState>No {noun} yet.</EmptyState>;
  return (
    <>
      {children(query.data.data)}
      <PagerButtons
        label={`${noun.charAt(0).toUpperCase()}${noun.slice(1, -1)} pages`}
        page={pager.page}
        hasPrevious={pager.hasPrevious}
        nextCursor={query.data.nextCursor}
        onPrevious={pager.previous}
        onNext={pager.next}
      />
    </>
  );
}
