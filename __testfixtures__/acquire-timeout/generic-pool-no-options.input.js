const genericPool = require('generic-pool');

const factory = { create: () => makeConnection(), destroy: (c) => c.close() };

exports.pool = genericPool.createPool(factory);
