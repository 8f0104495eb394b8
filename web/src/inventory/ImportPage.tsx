import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ImportJobOutput, ImportMode } from '@api/modules/imports/contract';
import { trpc, trpcClient } from '../api/client';
import { describeError, sentence } from '../api/errors';
import { formatCount } from '../lib/format';
import { Alert } from '../ui/Alert';
import { CheckboxField, Field } from '../ui/Field';
import { Figures } from '../ui/Figures';
import { PageHeader } from '../ui/PageHeader';
import { TableWrap } from '../ui/TableWrap';
import { invalidateItems } from './invalidate';

/** The request body limit (BODY_LIMIT_BYTES, 1 MB by default) less room for the JSON around the file. */
const MAX_INLINE_BYTES = 900_000;
/** How often a running job is asked how far it got. */
const POLL_MS = 500;

type Preset = 'native' | 'tcgplayer';
const presetLabels: Record<Preset, string> = { native: 'Omni-Stock CSV', tcgplayer: 'TCGplayer export' };
const finished = (job: ImportJobOutput | undefined) => job !== undefined && ['succeeded', 'failed', 'cancelled'].includes(job.status);

/** /inventory/import: a CSV file checked first (dry run), then imported, with progress and the rows in error. */
export default function ImportPage() {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [preset, setPreset] = useState<Preset>('tcgplayer');
  const [mode, setMode] = useState<ImportMode>('dryRun');
  const [partial, setPartial] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);

  const start = useMutation({
    mutationFn: (run: ImportMode) => trpcClient.imports.create.mutate({ csv: file!.text, fileName: file!.name, preset, mode: run, partial }),
    onSuccess: (job) => setJobId(job.id),
  });
  const job = useQuery({
    ...trpc.imports.get.queryOptions({ id: jobId ?? '' }),
    enabled: jobId !== null,
    staleTime: 0,
    refetchInterval: (query) => (finished(query.state.data) ? false : POLL_MS),
  });
  const current = jobId ? job.data : undefined;
  const cancel = useMutation({ mutationFn: (id: string) => trpcClient.imports.cancel.mutate({ id }), onSuccess: () => void job.refetch() });

  // An applied job that wrote rows: the inventory screens are stale.
  const [invalidatedFor, setInvalidatedFor] = useState<string | null>(null);
  if (current?.status === 'succeeded' && current.mode === 'apply' && invalidatedFor !== current.id) {
    setInvalidatedFor(current.id);
    void invalidateItems();
  }

  const reset = () => {
    setJobId(null);
    start.reset();
  };
  const onFile = async (chosen: File | undefined) => {
    reset();
    setFile(null);
    setFileError(null);
    if (!chosen) return;
    if (chosen.size > MAX_INLINE_BYTES) {
      setFileError('This file is larger than about 1 MB. Split it into smaller files, or ask your administrator to import it with the command-line import.');
      return;
    }
    setFile({ name: chosen.name, text: await chosen.text() });
  };
  const running = start.isPending || (current !== undefined && !finished(current));
  const canApplyAfterDryRun = current?.mode === 'dryRun' && current.status === 'succeeded' && (current.wouldApply || partial);

  return (
    <div className="narrow stack-lg">
      <PageHeader title="Import items">
        <p>
          <Link to="/inventory">Back to inventory</Link>
        </p>
      </PageHeader>
      <form
        className="panel stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!file) setFileError('Choose a CSV file first.');
          else start.mutate(mode);
        }}
      >
        <Field label="CSV file" error={fileError ?? undefined} hint="Files up to about 1 MB. The first line names the columns.">
          <input type="file" accept=".csv,text/csv" disabled={running} onChange={(event) => void onFile(event.target.files?.[0])} />
        </Field>
        <Field label="File format">
          <select
            value={preset}
            disabled={running}
            onChange={(event) => {
              setPreset(event.target.value as Preset);
              reset();
            }}
          >
            {(Object.keys(presetLabels) as Preset[]).map((value) => (
              <option key={value} value={value}>
                {presetLabels[value]}
              </option>
            ))}
          </select>
        </Field>
        <fieldset disabled={running}>
          <legend className="field__label">What to do</legend>
          <CheckboxField label="Dry run: check the file and show what would change, without changing anything">
            <input type="radio" name="import-mode" checked={mode === 'dryRun'} onChange={() => setMode('dryRun')} />
          </CheckboxField>
          <CheckboxField label="Import: write the items">
            <input type="radio" name="import-mode" checked={mode === 'apply'} onChange={() => setMode('apply')} />
          </CheckboxField>
        </fieldset>
        <CheckboxField label="Import the valid rows even when some rows have errors">
          <input type="checkbox" checked={partial} disabled={running} onChange={(event) => setPartial(event.target.checked)} />
        </CheckboxField>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={running}>
            {mode === 'dryRun' ? 'Check file' : 'Import file'}
          </button>
        </div>
        {start.isError && <Alert>{describeError(start.error)}</Alert>}
      </form>

      {job.isError && <Alert>{describeError(job.error)}</Alert>}
      {current && <JobResult job={current} onCancel={() => cancel.mutate(current.id)} cancelling={cancel.isPending} />}
      {canApplyAfterDryRun && (
        <div className="button-row">
          <button type="button" className="button button--primary" disabled={!file || running} onClick={() => start.mutate('apply')}>
            Import these rows
          </button>
        </div>
      )}
      {current?.mode === 'dryRun' && current.status === 'succeeded' && !current.wouldApply && !partial && (
        <Alert tone="info">
          Some rows have errors, so importing this file would change nothing. Fix those rows and check the file again, or tick “Import the valid
          rows even when some rows have errors”.
        </Alert>
      )}
    </div>
  );
}

const phaseLabels = { reading: 'Reading the file', applying: 'Writing the items' } as const;

function JobResult({ job, onCancel, cancelling }: { job: ImportJobOutput; onCancel: () => void; cancelling: boolean }) {
  const done = finished(job);
  const title = job.mode === 'dryRun' ? 'Dry run' : 'Import';
  const progress = job.rowsTotal === null ? 'Waiting to start…' : `${formatCount(job.rowsDone)} of ${formatCount(job.rowsTotal)} rows`;
  return (
    <section className="panel stack" aria-labelledby="import-result-title">
      <h2 id="import-result-title">
        {title}: {job.fileName}
      </h2>
      {!done && (
        <div className="stack">
          <p id="import-progress-label" role="status">
            {job.phase ? `${phaseLabels[job.phase]}: ` : ''}
            {progress}
          </p>
          <progress aria-labelledby="import-progress-label" max={job.rowsTotal ?? undefined} value={job.rowsTotal === null ? undefined : job.rowsDone} />
          <div className="button-row">
            <button type="button" className="button" disabled={cancelling} onClick={onCancel}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {job.status === 'failed' && <Alert>The import failed. {sentence(job.failure ?? 'Please try again.')}</Alert>}
      {job.status === 'cancelled' && <Alert tone="info">The import was cancelled{job.mode === 'apply' ? '; nothing was written' : ''}.</Alert>}
      {job.status === 'succeeded' && (
        <Alert tone="success">
          {job.mode === 'dryRun'
            ? 'The file was checked. Nothing has changed yet.'
            : job.wouldApply
              ? 'The import is done.'
              : 'Nothing was imported: some rows have errors.'}
        </Alert>
      )}
      {job.summary && (
        <Figures
          compact
          items={[
            { label: job.mode === 'dryRun' ? 'New items' : 'Created', value: formatCount(job.summary.create) },
            { label: job.mode === 'dryRun' ? 'Changed items' : 'Updated', value: formatCount(job.summary.update) },
            { label: 'Unchanged', value: formatCount(job.summary.unchanged) },
            { label: 'Rows with errors', value: formatCount(job.summary.error) },
          ]}
        />
      )}
      {job.errors.length > 0 && (
        <>
          <h3>Rows with errors</h3>
          {job.errorCount > job.errors.length && (
            <p>
              The first {formatCount(job.errors.length)} of {formatCount(job.errorCount)} problems.
            </p>
          )}
          <TableWrap label="Rows with errors">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {job.errors.map((error, n) => (
                  <tr key={`${error.row}-${error.column ?? ''}-${n}`}>
                    <td className="num">{error.row}</td>
                    <td>{error.column ?? <span className="muted">The whole row</span>}</td>
                    <td>{sentence(error.message)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
}
