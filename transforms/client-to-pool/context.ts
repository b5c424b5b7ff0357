import type { FileContext } from '../../src/core/types';
import type { ReleaseContext } from '../../src/fixes/release';
import { moduleSystem } from '../../src/js/imports';
import type { Options } from './meta';

/** What the shared release step needs to know about the file (the helper module only in helper style: asking for it waits for the project scan). */
export function releaseContext(ctx: FileContext, options: Options): ReleaseContext {
  return {
    file: ctx.path,
    text: ctx.text,
    ast: ctx.ast,
    facts: ctx.facts,
    style: ctx.style,
    project: ctx.project,
    system: moduleSystem(ctx.path, ctx.facts, ctx.project),
    helper: options.style === 'helper' ? ctx.scan.helper() : undefined,
  };
}
