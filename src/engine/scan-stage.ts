/**
 * The scan stage: compute the cross-file facts the deferred files said they
 * need, from the summaries of the files already read (and, for modules they
 * import, from summaries read on demand). Facts nobody needs are never
 * computed: no type checker is started unless a file needs typed I/O. The
 * facts are the transforms' own (their meta lists them); this stage only
 * knows their shape.
 */
import type { AnyFact, FactInput, ScanData, SummaryReader, TaggedSummary } from '../core/facts';
import type { LanguageId } from '../core/frontend';
import type { OptionValues } from '../core/options';
import type { Transform } from '../core/types';
import type { TaskResult } from './file-task';

/** Rounds of "compute what was asked, read the files that asked again" before the facts count as final. */
export const SCAN_ROUNDS = 3;

/** The facts the transforms declare, by id (one object per id: a fact shared by two transforms is the same object). */
export function factsOf(transforms: readonly Transform[]): Map<string, AnyFact> {
  return new Map(transforms.flatMap((t) => t.meta.facts ?? []).map((f) => [f.id, f]));
}

/** Text tests, per language, of the files the scan summarises though no transform reads them. */
export function summaryTestsOf(facts: ReadonlyMap<string, AnyFact>): { language: LanguageId; tests: RegExp[] }[] {
  return [...facts.values()].flatMap((f) =>
    f.summaryPrefilter ? [{ language: f.language, tests: f.summaryPrefilter }] : [],
  );
}

export interface ScanInputs {
  summaries: ReadonlyMap<string, TaggedSummary>;
  summaryOf: (file: string) => TaggedSummary | undefined;
  files: readonly string[];
  options: OptionValues;
  /** Every fact the selected transforms may need, by id. */
  facts: ReadonlyMap<string, AnyFact>;
}

type Deferred = Extract<TaskResult, { kind: 'deferred' }>;

export function computeScan(previous: ScanData, deferred: readonly Deferred[], inputs: ScanInputs): ScanData {
  const data: ScanData = { project: { ...previous.project }, files: { ...previous.files } };
  const input: FactInput = { summaries: reader(inputs), files: inputs.files, options: inputs.options };
  const askingFiles = new Map<string, Set<string>>();
  for (const need of deferred.flatMap((d) => d.needs)) {
    const fact = inputs.facts.get(need.fact);
    if (!fact) throw new Error(`a file needs the fact "${need.fact}", which no selected transform declares`);
    if (fact.scope === 'project') {
      if (!(fact.id in data.project)) data.project[fact.id] = fact.compute(input);
    } else if (need.file !== undefined && !(need.file in (data.files[fact.id] ?? {}))) {
      askingFiles.set(fact.id, (askingFiles.get(fact.id) ?? new Set()).add(need.file));
    }
  }
  for (const [id, files] of askingFiles) {
    const fact = inputs.facts.get(id);
    if (fact?.scope !== 'file') continue;
    data.files[id] = { ...(data.files[id] ?? {}), ...fact.compute([...files], input) };
  }
  return data;
}

function reader(inputs: ScanInputs): SummaryReader {
  return { all: () => [...inputs.summaries.values()], of: inputs.summaryOf };
}
