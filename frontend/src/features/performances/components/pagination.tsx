type Props = {
  /** The page asked for: the buttons move from it. */
  page: number;
  /** The page whose rows are on screen, while another one loads. */
  shownPage?: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
};

/** Page numbers around the current page, with gaps as null. */
export function pageWindow(page: number, last: number): (number | null)[] {
  const pages = new Set([1, last, page - 1, page, page + 1]);
  const sorted = [...pages]
    .filter((value) => value >= 1 && value <= last)
    .sort((a, b) => a - b);
  const result: (number | null)[] = [];

  sorted.forEach((value, index) => {
    const previous = sorted[index - 1];

    if (previous !== undefined && value - previous > 1) result.push(null);
    result.push(value);
  });

  return result;
}

export function Pagination({
  page,
  shownPage = page,
  pageSize,
  total,
  onPage,
}: Props) {
  const last = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (shownPage - 1) * pageSize + 1;
  const end = Math.min(total, shownPage * pageSize);

  return (
    <nav className="pagination" aria-label="Pages">
      <p className="pagination__status">
        Showing {first}–{end} of {total.toLocaleString('en-GB')}
      </p>
      {last > 1 && (
        <ul className="pagination__list">
          <li>
            <button
              type="button"
              className="pagination__button"
              onClick={() => onPage(page - 1)}
              disabled={page <= 1}
            >
              ‹ <span className="pagination__word">Previous</span>
            </button>
          </li>
          {pageWindow(page, last).map((value, index) =>
            value === null ? (
              <li key={`gap-${index}`} className="pagination__gap">
                …
              </li>
            ) : (
              <li key={value}>
                <button
                  type="button"
                  className="pagination__button"
                  aria-current={value === page ? 'page' : undefined}
                  aria-label={`Page ${value}`}
                  onClick={() => onPage(value)}
                >
                  {value}
                </button>
              </li>
            ),
          )}
          <li>
            <button
              type="button"
              className="pagination__button"
              onClick={() => onPage(page + 1)}
              disabled={page >= last}
            >
              <span className="pagination__word">Next</span> ›
            </button>
          </li>
        </ul>
      )}
    </nav>
  );
}
