/**
 * pool-codemod's ESLint plugin (flat config), `pool-codemod/eslint`:
 *
 *   // eslint.config.js
 *   import poolCodemod from 'pool-codemod/eslint';
 *   export default [poolCodemod.configs.recommended];
 *
 * One rule per transform (`pool-codemod/<id>`), with its messages and its
 * single-file fixes. `recommended` turns every rule on: the code rules
 * (a connection per request, a connection leaked, a connection held across
 * other work) as errors, the pool-setup rules as warnings. `strict` makes
 * them all errors and also reports notes (sites the tool could not prove
 * either way), as `settings: { 'pool-codemod': { notes: true } }` does.
 */
import type { ESLint, Linter, Rule } from 'eslint';
import { TRANSFORMS } from '../registry';
import { VERSION } from '../version';
import { ruleOf } from './rules';

const PREFIX = 'pool-codemod';

/** The anti-patterns of how connections are used in code (as opposed to how a pool is set up). */
const CODE_RULES = new Set(['client-to-pool', 'release-in-finally', 'split-io']);

const rules: Record<string, Rule.RuleModule> = Object.fromEntries(TRANSFORMS.map((t) => [t.meta.id, ruleOf(t)]));

const plugin = {
  meta: { name: PREFIX, version: VERSION },
  rules,
  configs: {} as Record<'recommended' | 'strict', Linter.Config>,
} satisfies ESLint.Plugin;

plugin.configs.recommended = {
  name: `${PREFIX}/recommended`,
  plugins: { [PREFIX]: plugin },
  rules: Object.fromEntries(
    TRANSFORMS.map((t): [string, Linter.RuleEntry] => [
      `${PREFIX}/${t.meta.id}`,
      CODE_RULES.has(t.meta.id) ? 'error' : 'warn',
    ]),
  ),
};
plugin.configs.strict = {
  name: `${PREFIX}/strict`,
  plugins: { [PREFIX]: plugin },
  settings: { [PREFIX]: { notes: true } },
  rules: Object.fromEntries(TRANSFORMS.map((t): [string, Linter.RuleEntry] => [`${PREFIX}/${t.meta.id}`, 'error'])),
};

export = plugin;
