import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiProblem } from './api';
import type { Page } from './types';

export interface Loaded<T> {
  data?: T | undefined;
  error?: ApiProblem | undefined;
  loading: boolean;
  reload(): void;
}

/** Loads once per change of `deps`; a late answer of an older load is dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiProblem; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => { if (current) setState({ data, loading: false }); },
      (error: unknown) => { if (current) setState({ error: asProblem(error), loading: false }); },
    );
    return () => { current = false; };
  }, [...deps, tick]);
  return { ...state, reload: useCallback(() => setTick((t) => t + 1), []) };
}

/**
 * The rubric a screen works on: the first listed one once the list has loaded, unless the
 * user picked one already. The pick is read when the default is applied, not when the list
 * arrived, so a choice made in between is kept.
 */
export function useRubricChoice(rubrics: { rubric_id: string }[] | undefined): [string, (rubricId: string) => void] {
  const [rubricId, setRubricId] = useState('');
  useEffect(() => {
    const first = rubrics?.[0];
    if (first) setRubricId((chosen) => chosen || first.rubric_id);
  }, [rubrics]);
  return [rubricId, setRubricId];
}

export function asProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  return new ApiProblem(0, 'client', 'Something went wrong in the app', (error as Error)?.message, [], {});
}

export interface Paged<T> extends Loaded<Page<T>> {
  items: T[];
  pageNumber: number;
  hasNext: boolean;
  next(): void;
  previous(): void;
}

/**
 * One page of a cursor-paginated listing. Cursors only go forward, so the cursors of the
 * pages already seen are kept to step back; a change of `deps` (filters) starts over.
 */
export function usePaged<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, deps: unknown[]): Paged<T> {
  const key = JSON.stringify(deps);
  const [seen, setSeen] = useState<{ key: string; cursors: (string | undefined)[] }>({ key, cursors: [undefined] });
  const cursors = seen.key === key ? seen.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(() => fetchPage(cursor), [key, cursor]);
  const nextCursor = page.data?.next_cursor ?? null;
  return {
    ...page,
    items: page.data?.items ?? [],
    pageNumber: cursors.length,
    hasNext: nextCursor !== null,
    next: () => { if (nextCursor) setSeen({ key, cursors: [...cursors, nextCursor] }); },
    previous: () => setSeen({ key, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors }),
  };
}

/** Runs an action with a busy flag and keeps its problem for display next to its button. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiProblem | undefined>();
  const run = async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await action(...args);
    } catch (err) {
      setError(asProblem(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, setError };
}

/** `value` once it has stayed the same for `ms` (search as the person types, once they pause). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
