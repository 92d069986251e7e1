/** A pair of drawn-back stage curtains under a gold pelmet. */
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="1" y="1" width="30" height="30" rx="7" fill="var(--gold-400)" />
      <path
        d="M5 6h22v3.2c-2 1.4-4 1.4-5.5 0-1.6 1.4-3.6 1.4-5.5 0-1.9 1.4-3.9 1.4-5.5 0C8.9 10.6 7 10.6 5 9.2z"
        fill="var(--burgundy-800)"
      />
      <path
        d="M5 10c2.6 1 3.6 5.6 8 16H5zM27 10c-2.6 1-3.6 5.6-8 16h8z"
        fill="var(--burgundy-700)"
      />
    </svg>
  );
}
