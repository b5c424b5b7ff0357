/**
 * Modules a rewrite needs in another file (a shared pool module, a helper
 * module, a metrics module, a dependency in package.json), as data: a fix
 * returns requests, and after every file is decided the engine hands each
 * target's requests to the provider of that kind, which writes the module in
 * the project's language and style. Providers are declared by their owners
 * (a front end, or a transform for a module only it asks for) and listed in
 * the meta of the transforms that request them.
 */

/** What every request carries: its provider's kind, and the file it is for (absolute). */
export interface ModuleRequest {
  kind: string;
  path: string;
}

/** The target's new text (null: nothing to change), or why it cannot be provided. */
type Provided = { text: string | null } | { failure: string };

export interface Provider<R extends ModuleRequest> {
  kind: R['kind'];
  /** How the user chooses where it goes, for a refusal to name (`poolModule (--pool-module)`). */
  where: string;
  /** The new text of `target` (its current text, or null when it does not exist) for every request made of it. */
  provide(target: string, current: string | null, requests: readonly R[]): Provided;
}

/** A provider as lists hold it: it takes the requests of its kind. */
export interface AnyProvider {
  kind: string;
  where: string;
  provide(target: string, current: string | null, requests: readonly ModuleRequest[]): Provided;
}

/**
 * Erase a provider's request type. The engine hands a provider only requests
 * of its own kind, which its owner's fixes made with that type.
 */
export function defineProvider<R extends ModuleRequest>(provider: Provider<R>): AnyProvider {
  return {
    kind: provider.kind,
    where: provider.where,
    provide: (target, current, requests) => provider.provide(target, current, requests as readonly R[]),
  };
}
