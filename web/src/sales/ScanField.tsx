import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ItemOutput } from '@api/modules/inventory/contract';
import { queryClient, trpc } from '../api/client';
import { describeError } from '../api/errors';
import { formatCount } from '../lib/format';
import { formatMoney } from '../lib/money';
import { defaultUnitPrice } from './cart';

/** Typing pauses this long before name suggestions are asked for; a scanner's Enter looks up at once. */
const SUGGEST_DELAY_MS = 150;

interface ScanFieldProps {
  storeId: string | undefined;
  currency: string;
  onAdd: (item: ItemOutput) => void;
  /** Focus the field again (after a sale, or after choosing a suggestion). */
  focusKey: number;
}

/**
 * The SKU box: a barcode scanner types the SKU and Enter, which adds the item whose SKU it is
 * (or the only item the text finds); typing a name suggests items to choose. The box clears at
 * once and keeps the focus, so the next scan can follow before the lookup answers.
 */
export function ScanField({ storeId, currency, onAdd, focusKey }: ScanFieldProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [looking, setLooking] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => input.current?.focus(), [focusKey]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const listInput = (search: string, limit: number) => ({ search, limit, ...(storeId && { storeId }) });
  const suggestions = useQuery({
    ...trpc.items.list.queryOptions(listInput(term, 8)),
    enabled: term.length >= 2,
    placeholderData: keepPreviousData,
  });
  const shown = term.length >= 2 ? (suggestions.data?.items ?? []) : [];

  const add = (item: ItemOutput) => {
    onAdd(item);
    setMessage(null);
    setTerm('');
    input.current?.focus();
  };
  const onChange = (value: string) => {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setTerm(value.trim()), SUGGEST_DELAY_MS);
  };
  const lookUp = async (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    clearTimeout(timer.current);
    setText('');
    setTerm('');
    setLooking((n) => n + 1);
    try {
      const page = await queryClient.fetchQuery({ ...trpc.items.list.queryOptions(listInput(value, 20)), staleTime: 0 });
      const exact = page.items.find((item) => item.sku.toLowerCase() === value.toLowerCase());
      const pick = exact ?? (page.items.length === 1 ? page.items[0] : undefined);
      if (pick) add(pick);
      else if (page.items.length === 0) setMessage(`Nothing in this store matches “${value}”.`);
      else {
        setMessage(`${formatCount(page.total)} items match “${value}”: choose one below.`);
        setText(value);
        setTerm(value);
      }
    } catch (error) {
      setMessage(`“${value}” could not be looked up. ${describeError(error)}`);
      setText(value);
    } finally {
      setLooking((n) => n - 1);
    }
  };

  return (
    <form
      onSubmit={(event) => void lookUp(event)}
      onBlur={(event) => event.currentTarget.contains(event.relatedTarget as Node | null) || setTerm('')}
      className="scan"
      role="search"
      aria-label="Add items"
    >
      <label htmlFor={id} className="scan__label">
        Scan or type a SKU or name
      </label>
      <div className="scan__row">
        <input
          ref={input}
          id={id}
          className="scan__input"
          value={text}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => event.key === 'Escape' && setTerm('')}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          enterKeyHint="enter"
          aria-describedby={`${id}-status`}
        />
        <button type="submit" className="button button--primary">
          Add
        </button>
      </div>
      <p id={`${id}-status`} className="scan__status" role="status">
        {looking > 0 ? 'Looking up…' : message}
      </p>
      {shown.length > 0 && (
        <ul className="scan__suggestions" aria-label="Matching items">
          {shown.map((item) => (
            <li key={item.id}>
              <button type="button" onClick={() => add(item)}>
                <span className="scan__name">{item.name}</span>
                <span className="muted">
                  {item.sku} · {formatMoney(defaultUnitPrice(item), currency)} ·{' '}
                  <span className={item.quantity === 0 ? 'is-out' : undefined}>{formatCount(item.quantity)} in stock</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
