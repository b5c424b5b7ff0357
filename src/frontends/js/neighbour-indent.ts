/**
 * The indent unit of a file that shows none of its own (a flat module the
 * tool wrote, a file of one-line statements), from the source files beside
 * it, then from each folder above it up to the project root: code the tool
 * adds there later (a listener, a guard) then matches the project's tabs or
 * four spaces instead of a default.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SOURCE_EXTENSIONS } from './parse';
import { foundIndentUnit } from './style';

/** Files read per folder: enough to outvote an odd one, few enough to stay cheap. */
const SAMPLE = 8;

const byFolder = new Map<string, string | null>();

export function neighbourIndent(file: string, root: string): string | undefined {
  const stop = path.resolve(root);
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    const unit = folderIndent(dir, file);
    if (unit) return unit;
    if (dir === stop || !dir.startsWith(stop) || path.dirname(dir) === dir) return undefined;
  }
}

/** The most common unit among a few source files of `dir` (not `self`), cached per folder. */
function folderIndent(dir: string, self: string): string | undefined {
  const cached = byFolder.get(dir);
  if (cached !== undefined) return cached ?? undefined;
  const votes = new Map<string, number>();
  const names = listing(dir);
  let read = 0;
  for (const name of names) {
    if (read >= SAMPLE) break;
    const full = path.join(dir, name);
    if (full === path.resolve(self) || !SOURCE_EXTENSIONS.includes(path.extname(name)) || /\.d\.[cm]?ts$/.test(name))
      continue;
    let text: string;
    try {
      text = fs.readFileSync(full, 'utf8');
    } catch {
      continue;
    }
    read++;
    const unit = foundIndentUnit(text);
    if (unit) votes.set(unit, (votes.get(unit) ?? 0) + 1);
  }
  const [best] = [...votes].sort((a, b) => b[1] - a[1]);
  byFolder.set(dir, best ? best[0] : null);
  return best?.[0];
}

function listing(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}
