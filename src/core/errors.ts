/**
 * The two ways a command ends before it does anything: a mistake in what was
 * asked (`UsageError`), or a request the tool will not carry out although it
 * is well-formed (`Refusal`: a dirty work tree, a path that leads out of the
 * project). Both exit 2 on the command line; the API throws them.
 */

export class UsageError extends Error {
  override name = 'UsageError';
}

/** What a refusal is about, for the JSON documents: the option or flag, and the path it resolved to. */
export interface RefusalDetail {
  key: string;
  path: string;
  /** The directories a path had to stay inside. */
  allowed: string[];
}

export class Refusal extends Error {
  override name = 'Refusal';
  constructor(
    message: string,
    readonly detail?: RefusalDetail,
  ) {
    super(message);
  }
}
