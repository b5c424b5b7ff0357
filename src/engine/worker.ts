/** Worker-thread entry: a batch of files through `runTask`, with the transforms looked up by id. */
// First: every module after it reads @babel/types without a getter per call.
import '../frontends/js/plain-types';
import { initFrontEnds, selectTransforms } from '../registry';
import { type TaskResult, type TaskSettings, betweenFiles, runTask } from './file-task';

export interface Batch {
  paths: string[];
  settings: TaskSettings;
}

export default async function processBatch(batch: Batch): Promise<TaskResult[]> {
  await initFrontEnds(batch.paths);
  const transforms = selectTransforms(batch.settings.transformIds);
  return batch.paths.map((path) => {
    const result = runTask(path, batch.settings, transforms);
    betweenFiles();
    return result;
  });
}
