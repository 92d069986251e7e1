import { idFromPath } from './ids';

describe('idFromPath', () => {
  it('reads an id written as the app writes ids', () => {
    expect(idFromPath('7')).toBe(7);
    expect(idFromPath('36447')).toBe(36447);
  });

  it.each([
    undefined,
    '',
    '0',
    '036447',
    '+1',
    '-1',
    '290.0',
    '1e2',
    ' 7',
    '７',
    '9007199254740993',
  ])('refuses %j', (value) => {
    expect(idFromPath(value)).toBeUndefined();
  });
});
