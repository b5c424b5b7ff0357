/**
 * The progress bar of long runs: files done and total, rate and ETA, on
 * stderr, only when stderr is a terminal (never in --json output, never in
 * a pipe or a CI log). Short runs (under SHOW_FROM files) show nothing.
 */
import { SingleBar } from 'cli-progress';

const SHOW_FROM = 300;

export interface Progress {
  update: (done: number, total: number) => void;
  done: () => void;
}

export function progressBar(stream: NodeJS.WriteStream = process.stderr): Progress | undefined {
  if (stream.isTTY !== true) return undefined;
  let bar: SingleBar | undefined;
  const started = Date.now();
  return {
    update(done, total) {
      if (total < SHOW_FROM) return;
      if (!bar) {
        bar = new SingleBar({
          stream,
          format: 'pool-codemod {bar} {value}/{total} files | {rate} files/s | ETA {eta_formatted}',
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 200,
        });
        bar.start(total, 0, { rate: '0' });
      }
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      bar.update(done, { rate: (done / seconds).toFixed(0) });
    },
    done() {
      bar?.stop();
    },
  };
}
