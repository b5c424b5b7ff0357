# Read by pool-codemod (never run): each of these workers opens its own pool.
workers = 4
