/**
 * Whether a project runs as AWS Lambda functions, from what its repository
 * states: a Serverless Framework config, an AWS SAM template, an SST config,
 * or a dependency that only Lambda code has. In Lambda each execution
 * environment handles one invocation at a time ("Understanding Lambda
 * function scaling", AWS Lambda Developer Guide): a pool there never has
 * callers of other requests queued behind it, only the one invocation's own.
 */
import fs from 'node:fs';
import path from 'node:path';

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
    const template = SAM_TEMPLATES.find((name) => samTemplate(path.join(root, name)));
    if (template) return `${template} (AWS SAM)`;
  }
  const dependency = LAMBDA_PACKAGES.find((name) => name in dependencies);
  return dependency ? `it depends on ${dependency}` : undefined;
}

function samTemplate(file: string): boolean {
  try {
    return SAM_TRANSFORM.test(fs.readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}
