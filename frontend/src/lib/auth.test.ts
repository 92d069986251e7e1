import { describe, expect, it } from 'vitest';

import { safeNext } from './auth';

describe('safeNext', () => {
  it('keeps a path inside the app with its query', () => {
    expect(safeNext('?next=%2Fperformances%2F12%3Fx%3D1')).toBe(
      '/performances/12?x=1',
    );
  });

  it('falls back to the dashboard for anything that could leave the site', () => {
    for (const next of [
      '//evil.example/x',
      '/\\evil/x',
      'https://evil.example/',
      'javascript:alert(1)',
      '/\r\nevil',
      '',
    ]) {
      expect(safeNext(`?next=${encodeURIComponent(next)}`)).toBe('/');
    }
  });

  it('falls back to the dashboard when there is no next', () => {
    expect(safeNext('')).toBe('/');
  });
});
