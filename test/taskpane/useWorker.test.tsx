/** @jest-environment jsdom */
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { useWorker, runInWorker, serveWorker, type WorkerLike } from '../../src/taskpane/useWorker';
import { WorkProgressBar } from '../../src/taskpane/shell/WorkProgressBar';
import { CancelledError } from '../../src/taskpane/shell/userError';

/** A worker whose "thread" is serveWorker running in the same process, driven step by step by the test. */
class FakeWorker implements WorkerLike {
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  terminated = false;
  private readonly inside: { onmessage: ((ev: MessageEvent) => void) | null; postMessage(m: unknown): void };
  constructor(handler: (input: number, progress: (p: { done: number; total: number }) => void) => Promise<number>) {
    this.inside = {
      onmessage: null,
      postMessage: (m) => !this.terminated && this.onmessage?.({ data: m } as MessageEvent),
    };
    serveWorker(this.inside, handler);
  }
  postMessage(data: unknown) {
    void this.inside.onmessage?.({ data } as MessageEvent);
  }
  terminate() {
    this.terminated = true;
  }
}

function gate() {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
}

describe('runInWorker', () => {
  it('reports progress and resolves with the result, then terminates the worker', async () => {
    const seen: string[] = [];
    let w!: FakeWorker;
    const job = runInWorker<number, number>(
      () =>
        (w = new FakeWorker(async (n, progress) => {
          for (let i = 1; i <= n; i++) progress({ done: i, total: n });
          return n * 2;
        })),
      3,
      (p) => seen.push(`${p.done}/${p.total}`),
    );
    expect(await job.result).toBe(6);
    expect(seen).toEqual(['1/3', '2/3', '3/3']);
    expect(w.terminated).toBe(true);
  });

  it('rejects with the worker error message', async () => {
    const job = runInWorker<number, number>(
      () =>
        new FakeWorker(async () => {
          throw new Error('accounts row 12: no potential');
        }),
      1,
    );
    await expect(job.result).rejects.toThrow('accounts row 12: no potential');
  });

  it('cancel terminates the worker and rejects with CancelledError', async () => {
    const g = gate();
    let w!: FakeWorker;
    const job = runInWorker<number, number>(
      () =>
        (w = new FakeWorker(async () => {
          await g.p;
          return 1;
        })),
      1,
    );
    job.cancel();
    await expect(job.result).rejects.toBeInstanceOf(CancelledError);
    expect(w.terminated).toBe(true);
    g.open();
  });
});

function Harness({ make }: { make: () => WorkerLike }) {
  const w = useWorker<number, number>(make);
  return (
    <FluentProvider theme={webLightTheme}>
      <button
        onClick={() =>
          void w.run(4).then(
            (v) => (document.title = `done ${v}`),
            (e) => (document.title = e.name),
          )
        }
      >
        Start
      </button>
      <WorkProgressBar label="Balancing" progress={w.progress} onCancel={w.cancel} />
      <span>{w.running ? 'running' : 'idle'}</span>
    </FluentProvider>
  );
}

describe('useWorker + WorkProgressBar', () => {
  it('shows progress while running and Cancel stops the work', async () => {
    const g = gate();
    const make = () =>
      new FakeWorker(async (n, progress) => {
        progress({ done: 1, total: n });
        await g.p;
        return n;
      });
    render(<Harness make={make} />);
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(screen.getByText('running')).not.toBeNull();
    // 1 of 4 done = 25%
    expect(screen.getByText('25%')).not.toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await act(async () => g.open());
    expect(screen.getByText('idle')).not.toBeNull();
    expect(document.title).toBe('CancelledError');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });
});
