import type { CSSProperties } from 'react';

type Props = {
  width?: CSSProperties['width'];
  height?: CSSProperties['height'];
  className?: string;
};

export function Skeleton({ width = '100%', height = '1em', className }: Props) {
  return (
    <span
      className={['skeleton', className].filter(Boolean).join(' ')}
      style={{ width, height }}
      aria-hidden="true"
    />
  );
}
