/**
 * Configuration is re-exported from the linting/ directory.
 */
export { default } from "linting";
