/** Where a transform's page lives (docs/transforms/<id>.md in the repository): findings link to it. */
const DOCS_BASE = 'https://github.com/pool-codemod/pool-codemod/blob/main/docs/transforms';

export function docsUrl(transformId: string): string {
  return `${DOCS_BASE}/${transformId}.md`;
}
