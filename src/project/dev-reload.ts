/**
 * Frameworks whose development server evaluates server modules again on
 * every edit (hot reload) inside one long-lived process. A pool made at
 * module level is then opened again on each reload, and the old one keeps
 * its connections until the process ends: a few edits in `next dev` use up
 * a small database's connections. The pattern their users follow keeps the
 * pool on `globalThis` outside production, where modules load once.
 */
export interface DevReload {
  /** The framework, for comments and messages. */
  framework: string;
  /** Its development server. */
  command: string;
}

const FRAMEWORKS: readonly (DevReload & { dependency: string })[] = [
  // Next.js: `next dev` recompiles and re-runs route and server modules on change (nextjs.org/docs, "Fast Refresh";
  // the globalThis singleton is what Prisma's "Best practice for instantiating PrismaClient with Next.js" and
  // Vercel's Postgres examples write).
  { dependency: 'next', framework: 'Next.js', command: 'next dev' },
];

/**
 * The framework that hot-reloads this project's server modules in
 * development, as a module request's optional `devReload` field: absent
 * when there is none, so requests of other projects compare as before.
 */
export function devReloadField(dependencies: Readonly<Record<string, string>>): { devReload?: DevReload } {
  const found = FRAMEWORKS.find((f) => f.dependency in dependencies);
  return found ? { devReload: { framework: found.framework, command: found.command } } : {};
}
