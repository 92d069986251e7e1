import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';

import '../search.css';

/** The search box in the header: it only navigates to the search page. */
export function HeaderSearch() {
  const navigate = useNavigate();
  const [text, setText] = useState('');

  function handleSubmit(event: FormEvent) {
    event.preventDefault();

    const q = text.trim();

    navigate(q ? `/search?${new URLSearchParams({ q })}` : '/search');
  }

  return (
    <form className="header-search" role="search" onSubmit={handleSubmit}>
      <label className="visually-hidden" htmlFor="header-search-input">
        Search shows, people and venues
      </label>
      <input
        id="header-search-input"
        className="header-search__input"
        type="search"
        placeholder="Search shows, cast, venues"
        maxLength={200}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="btn btn--ghost-light btn--sm">
        Search
      </button>
    </form>
  );
}
