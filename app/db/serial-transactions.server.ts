// One query at a time on a transaction's connection. Prisma's query interpreter loads a query's
// relations with Promise.all; inside an interactive transaction they all go to the transaction's
// single pg client, which then queues them itself — behaviour pg deprecates ("Calling
// client.query() when the client is already executing a query", removed in pg@9). The queue here
// keeps the same order and results, but does the waiting on our side so nothing depends on it.
import { PrismaPg } from "@prisma/adapter-pg";

type Queryable = {
  queryRaw: (query: never) => Promise<unknown>;
  executeRaw: (query: never) => Promise<unknown>;
};

/** Makes a transaction's queryRaw/executeRaw run one after another, in call order. */
export function serializeQueries<T extends Queryable>(tx: T): T {
  let tail: Promise<unknown> = Promise.resolve();
  for (const method of ["queryRaw", "executeRaw"] as const) {
    const original = tx[method].bind(tx) as (query: never) => Promise<unknown>;
    const queued = (query: never) => {
      const run = tail.then(() => original(query));
      tail = run.catch(() => undefined);
      return run;
    };
    tx[method] = queued as T[typeof method];
  }
  return tx;
}

/** The pg adapter whose interactive transactions run their queries one at a time. */
export class SerialTransactionPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args: Parameters<typeof start>) => serializeQueries(await start(...args));
    return adapter;
  }
}
