/**
 * What a repository's deployment files say, read as text (never run): a
 * PgBouncer in front of the database (a compose file that runs one, or an
 * environment file whose connection settings name its port, 6432, its
 * default `listen_port`, Prisma's `pgbouncer=true`, or a hosted database's
 * pooled endpoint such as Neon's `-pooler` host), since behind it in
 * transaction mode a startup parameter such as `statement_timeout` is
 * refused; how many instances of the service run (compose replicas,
 * Kubernetes Deployments), which divide the server's connections; and
 * whether it runs as AWS Lambda functions. In Lambda each execution
 * environment handles one invocation at a time ("Understanding Lambda
 * function scaling", AWS Lambda Developer Guide): a pool there never has
 * callers of other requests queued behind it, only the one invocation's own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGBOUNCER, managedPoolerIn } from '../drivers/pgbouncer';
import { droppingProxyHost } from '../drivers/hosted';
import { readTextOrEmpty } from './paths';

const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];
/** Environment files a repository commits (examples, templates) or keeps beside the code. */
const ENV_FILES = ['.env.example', '.env.sample', '.env.template', '.env.defaults', '.env.production', '.env'];

/** A compose service that runs PgBouncer: by its image (edoburu/pgbouncer, bitnami/pgbouncer, ...) or its name. */
const COMPOSE_PGBOUNCER = /^\s*image:\s*["']?[\w./:-]*pgbouncer|^ {2,4}pgbouncer:\s*$/im;
/** A connection setting that names PgBouncer's port, or Prisma's flag for it. */
const ENV_PGBOUNCER = new RegExp(
  `^\\s*(?:export\\s+)?[A-Z0-9_]*(?:URL|URI|DSN)\\s*=\\s*["']?postgres(?:ql)?://[^\\s"']*:${PGBOUNCER.port}\\b` +
    `|^\\s*(?:export\\s+)?[A-Z0-9_]*PORT\\s*=\\s*["']?${PGBOUNCER.port}\\b|pgbouncer=true`,
  'im',
);

/** Why the deployment files say PgBouncer is in front (`docker-compose.yml runs pgbouncer`), or undefined. */
export function pgbouncerDeployment(roots: readonly string[]): string | undefined {
  for (const root of roots) {
    for (const name of COMPOSE_FILES)
      if (COMPOSE_PGBOUNCER.test(readTextOrEmpty(path.join(root, name))))
        return `${displayed(root, roots, name)} runs PgBouncer`;
    for (const { file, text } of envFiles(root, roots)) {
      const match = ENV_PGBOUNCER.exec(text);
      if (match)
        return `${file} ${/pgbouncer=true/i.test(match[0]) ? 'sets pgbouncer=true' : `names port ${PGBOUNCER.port}`}`;
      const pooler = managedPoolerIn(settingLines(text));
      if (pooler) return `${file} names ${pooler}`;
    }
  }
  return undefined;
}

/**
 * Which hosted service an environment file connects to whose proxy drops
 * startup parameters (`.env names a Neon host`), or undefined.
 */
export function droppingProxyDeployment(roots: readonly string[]): string | undefined {
  for (const root of roots)
    for (const { file, text } of envFiles(root, roots)) {
      const named = droppingProxyHost(settingLines(text));
      if (named) return `${file} names ${named}`;
    }
  return undefined;
}

/** The environment files under a root, by the name a message shows, with their text (empty when missing), read one at a time. */
function* envFiles(root: string, roots: readonly string[]): Generator<{ file: string; text: string }> {
  for (const name of ENV_FILES)
    yield { file: displayed(root, roots, name), text: readTextOrEmpty(path.join(root, name)) };
}

/** An environment file's settings without its comments: a commented-out URL is an alternative, not what runs. */
function settingLines(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => !/^\s*#/.test(line))
    .join('\n');
}

/** Where Kubernetes manifests are kept in a repository. */
const MANIFEST_DIRS = ['k8s', 'kubernetes', 'deploy', 'manifests', 'helm', '.k8s'];

/**
 * How many instances of the service the repository runs, where it says so
 * in one way only: compose `replicas:` (or `scale:`), or the `replicas:` of
 * the Kubernetes Deployments it keeps. Two different counts say nothing (the
 * tool cannot tell which service loads the pool).
 */
export function statedInstances(roots: readonly string[]): { count: number; source: string } | undefined {
  const found: { count: number; source: string }[] = [];
  for (const root of roots) {
    for (const name of COMPOSE_FILES)
      for (const m of readTextOrEmpty(path.join(root, name)).matchAll(/^\s+(replicas|scale):\s*(\d+)\s*$/gm))
        found.push({ count: Number(m[2]), source: `${displayed(root, roots, name)}: ${m[1]} ${m[2]}` });
    for (const dir of MANIFEST_DIRS)
      for (const name of yamlFiles(path.join(root, dir))) {
        const text = readTextOrEmpty(path.join(root, dir, name));
        if (!/^kind:\s*(Deployment|StatefulSet)\s*$/m.test(text)) continue;
        for (const m of text.matchAll(/^\s+replicas:\s*(\d+)\s*$/gm))
          found.push({
            count: Number(m[1]),
            source: `${displayed(root, roots, path.join(dir, name))}: replicas ${m[1]}`,
          });
      }
    if (found.length > 0) break;
  }
  const counts = new Set(found.map((f) => f.count));
  return counts.size === 1 ? found[0] : undefined;
}

function yamlFiles(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch {
    return [];
  }
}

/** Config files that deploy the project's functions to Lambda. */
const CONFIGS = ['serverless.yml', 'serverless.yaml', 'serverless.ts', 'serverless.js', 'sst.config.ts'];
/** SAM templates: CloudFormation templates with the serverless transform. */
const SAM_TEMPLATES = ['template.yml', 'template.yaml'];
const SAM_TRANSFORM = /AWS::Serverless/;
/** Packages used only by code that runs in Lambda (types, handler middleware, adapters of a server to a handler). */
const LAMBDA_PACKAGES = [
  '@types/aws-lambda',
  'aws-lambda',
  '@middy/core',
  'serverless-http',
  '@vendia/serverless-express',
];

/** What says the project runs in Lambda (`serverless.yml`, `template.yml (AWS SAM)`, `@types/aws-lambda`), if anything. */
export function lambdaEvidence(
  roots: readonly string[],
  dependencies: Readonly<Record<string, string>>,
): string | undefined {
  for (const root of roots) {
    const config = CONFIGS.find((name) => fs.existsSync(path.join(root, name)));
    if (config) return config;
    const template = SAM_TEMPLATES.find((name) => SAM_TRANSFORM.test(readTextOrEmpty(path.join(root, name))));
    if (template) return `${template} (AWS SAM)`;
  }
  const dependency = LAMBDA_PACKAGES.find((name) => name in dependencies);
  return dependency ? `it depends on ${dependency}` : undefined;
}

function displayed(root: string, roots: readonly string[], name: string): string {
  return root === roots[0] ? name : path.join(path.relative(roots[0], root), name);
}
