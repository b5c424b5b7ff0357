module.exports = {
  extends: `${__dirname}/../../../.eslintrc.js`,
  rules: {
    /*
     * Server side we won't be validating against the schema (because we're
     * defining it!)
     */
    "graphql/template-strings": 0,
    "graphql/named-operations": 0,
    "graphql/required-fields": 0,
  },
};
