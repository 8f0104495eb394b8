import { useState } from 'react';
import { downloadExport } from '../api/download';
import { Alert } from './Alert';

/** A button that downloads one CSV export (see api/download.ts), busy while it runs, its failure in words. */
export function ExportButton({ label, path, query, disabled }: { label: string; path: string; query: string; disabled?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadExport(path, query);
    } catch (caught) {
      setError(caught instanceof Error && caught.message ? caught.message : 'The export failed. Please try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button" disabled={busy || disabled} aria-busy={busy || undefined} onClick={() => void run()}>
        {busy ? 'Exporting…' : label}
      </button>
      {error && <Alert>{error}</Alert>}
    </>
  );
}
