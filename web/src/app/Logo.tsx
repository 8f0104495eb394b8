export function Logo() {
  return (
    <span className="logo">
      <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
        <rect width="32" height="32" rx="7" fill="currentColor" />
        <path d="M9 11l7-4 7 4v10l-7 4-7-4zM9 11l7 4 7-4M16 15v10" fill="none" stroke="#fff" strokeWidth="2.2" strokeLinejoin="round" />
      </svg>
      <span>Omni-Stock</span>
    </span>
  );
}
