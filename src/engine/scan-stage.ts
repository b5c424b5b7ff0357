/**
 * The scan stage: compute the cross-file facts the deferred files asked
 * for, from the summaries of the files already read (and, for imported
 * modules, from summaries read on demand). Kinds nobody asked for are never
 * computed: no type checker is started unless a file needs typed I/O.
 */
import path from 'node:path';
import type { OptionValues } from '../core/options';
import type { TaskResult } from './file-task';
import { importedAcquirers, planHelper } from '../frontends/js/scan/compute';
import { planPools } from '../frontends/js/scan/pools';
import { typedIoSites } from '../../transforms/split-io/js/io-types';
import type { FileSummary } from '../frontends/js/scan/summary';
import type { ScanData, ScanKind } from '../scan/types';

export interface ScanInputs {
  summaries: Map<string, FileSummary>;
  summaryOf: (file: string) => FileSummary | undefined;
  files: readonly string[];
  options: OptionValues;
}

type Deferred = Extract<TaskResult, { kind: 'deferred' }>;

export function computeScan(previous: ScanData, deferred: readonly Deferred[], inputs: ScanInputs): ScanData {
  const data: ScanData = { ...previous };
  const asking = (kind: ScanKind) => deferred.filter((d) => d.requested.includes(kind)).map((d) => d.path);
  const summaries = [...inputs.summaries.values()];
  if (asking('pools').length > 0 && data.pools === undefined) {
    data.pools = planPools(summaries, inputs.options.poolModule as string | undefined);
  }
  if (asking('helper').length > 0 && data.helper === undefined) {
    const exportsOf = (file: string) => inputs.summaryOf(file)?.exportsHelpers ?? [];
    data.helper = planHelper(summaries, inputs.files, inputs.options.helperModule as string | undefined, exportsOf);
  }
  const wantAcquirers = asking('acquirers').filter((f) => data.acquirers?.[f] === undefined);
  if (wantAcquirers.length > 0) {
    const acquirers = { ...(data.acquirers ?? {}) };
    for (const file of wantAcquirers) {
      const summary = inputs.summaryOf(file);
      acquirers[file] = summary ? importedAcquirers(summary, inputs.summaryOf) : { acquirers: {}, pools: {} };
    }
    data.acquirers = acquirers;
  }
  const wantTypes = asking('io-types').filter((f) => data.ioTypes?.[f] === undefined);
  if (wantTypes.length > 0)
    data.ioTypes = { ...(data.ioTypes ?? {}), ...typedIoSites(wantTypes.map((f) => path.resolve(f))) };
  return data;
}
