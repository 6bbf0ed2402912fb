/**
 * Long work off the UI thread: run a Web Worker with progress and cancel. Excel restarts an add-in whose pane stops
 * answering for 5 s, so anything that may take over ~200 ms goes through here.
 *
 * Protocol (see serveWorker for the worker side): the pane posts { input }; the worker posts any number of
 * { type: 'progress', done, total, label? }, then one { type: 'result', value } or { type: 'error', message }.
 * Cancel terminates the worker (the only way to stop a busy one) and rejects with CancelledError.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { CancelledError } from './shell/userError';

export interface WorkProgress {
  done: number;
  total: number;
  label?: string;
}

export type WorkerMessage<T> =
  ({ type: 'progress' } & WorkProgress) | { type: 'result'; value: T } | { type: 'error'; message: string };

/** The part of Worker this needs (so tests can pass a fake). */
export interface WorkerLike {
  postMessage(data: unknown): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
}

/** A running job: its result, and a way to stop it. */
export interface WorkerJob<T> {
  result: Promise<T>;
  cancel(): void;
}

/** Starts one job on a fresh worker; the worker is terminated when the job ends or is cancelled. */
export function runInWorker<TIn, TOut>(
  createWorker: () => WorkerLike,
  input: TIn,
  onProgress?: (p: WorkProgress) => void,
): WorkerJob<TOut> {
  const worker = createWorker();
  let settle: { resolve: (v: TOut) => void; reject: (e: unknown) => void } | null = null;
  const result = new Promise<TOut>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const finish = (f: (s: NonNullable<typeof settle>) => void) => {
    if (!settle) return;
    const s = settle;
    settle = null;
    worker.terminate();
    f(s);
  };
  worker.onmessage = (ev: MessageEvent) => {
    const m = ev.data as WorkerMessage<TOut>;
    if (m.type === 'progress') onProgress?.({ done: m.done, total: m.total, label: m.label });
    else if (m.type === 'result') finish((s) => s.resolve(m.value));
    else if (m.type === 'error') finish((s) => s.reject(new Error(m.message)));
  };
  worker.onerror = (ev: ErrorEvent) =>
    finish((s) => s.reject(new Error(ev.message || 'The background worker failed.')));
  worker.postMessage({ input });
  return { result, cancel: () => finish((s) => s.reject(new CancelledError())) };
}

/** Worker side: answers each { input } with progress messages and one result or error. */
export function serveWorker<TIn, TOut>(
  scope: { onmessage: ((ev: MessageEvent) => void) | null; postMessage(m: unknown): void },
  handler: (input: TIn, progress: (p: WorkProgress) => void) => TOut | Promise<TOut>,
): void {
  scope.onmessage = async (ev: MessageEvent) => {
    try {
      const value = await handler((ev.data as { input: TIn }).input, (p) =>
        scope.postMessage({ type: 'progress', ...p }),
      );
      scope.postMessage({ type: 'result', value });
    } catch (e) {
      scope.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
}

/** State of long work for a component: progress while running, and run/cancel. */
export interface UseWorker<TIn, TOut> {
  running: boolean;
  progress: WorkProgress | null;
  /** Resolves with the worker's result; rejects with CancelledError when cancelled. */
  run(input: TIn): Promise<TOut>;
  cancel(): void;
}

/** React hook over runInWorker; one job at a time (a new run cancels the previous one). */
export function useWorker<TIn, TOut>(createWorker: () => WorkerLike): UseWorker<TIn, TOut> {
  const job = useRef<WorkerJob<TOut> | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<WorkProgress | null>(null);
  const factory = useRef(createWorker);
  factory.current = createWorker;

  const cancel = useCallback(() => {
    job.current?.cancel();
  }, []);

  const run = useCallback(async (input: TIn) => {
    job.current?.cancel();
    setRunning(true);
    setProgress({ done: 0, total: 1 });
    const j = runInWorker<TIn, TOut>(factory.current, input, setProgress);
    job.current = j;
    try {
      return await j.result;
    } finally {
      if (job.current === j) {
        job.current = null;
        setRunning(false);
        setProgress(null);
      }
    }
  }, []);

  useEffect(() => () => job.current?.cancel(), []);
  return { running, progress, run, cancel };
}
