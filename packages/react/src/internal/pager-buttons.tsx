'use client';

export function PagerButtons({
  label,
  page,
  hasPrevious,
  nextCursor,
  onPrevious,
  onNext,
}: {
  label: string;
  page: number;
  hasPrevious: boolean;
  nextCursor: string | null;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
}) {
  if (!hasPrevious && !nextCursor) return null;
  return (
    <nav className="bk-pager" aria-label={label}>
      <button type="button" className="bk-button" onClick={onPrevious} disabled={!hasPrevious}>
        Previous
      </button>
      <span className="bk-pager__page">Page {page}</span>
      <button
        type="button"
        className="bk-button"
        onClick={() => nextCursor && onNext(nextCursor)}
        disabled={!nextCursor}
      >
        Next
      </button>
    </nav>
  );
}
