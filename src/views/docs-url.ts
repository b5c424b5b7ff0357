import { ENGINE_TRANSFORM } from '../engine/engine-meta';
/** Where a transform's page lives (docs/transforms/<id>.md in the repository): findings link to it. */
const DOCS_BASE = 'https://github.com/pool-codemod/pool-codemod/blob/main/docs/transforms';

export function docsUrl(transformId: string): string {
  return `${DOCS_BASE}/${transformId}.md`;
}

/** `{ docs }` for a finding of a transform (none for the tool's own directives, which have no page). */
export function docsOf(transformId: string): { docs?: string } {
  return transformId === ENGINE_TRANSFORM.meta.id ? {} : { docs: docsUrl(transformId) };
}
