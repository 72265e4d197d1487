// `BENCH_TRACE=1 npm run bench:bidding`: where a bid's time goes inside a server process, loaded
// by tests/bench/loop-probe.js into the HTTP workers. For each bid while the window is open, in
// wall-clock ms (performance.timeOrigin + now, the bench's clock): the request's arrival (its
// headers parsed, diagnostics channel http.server.request.start), the bid statement handed to the
// pg pool, a connection taking it (the pool's wait before), its result, and the answer's end — the
// answer's `seq` joins it to the bench's send and receipt times. Statements are recorded alone too
// (accepted or refused), to count the accepted bids whose lot lock a bid may have waited behind.
// Measurement only: it patches pg's Pool/Client query and ServerResponse.end in this process.
// docs/decisions/0029-hot-api-path.md
import { createRequire } from "node:module";
import diagnostics from "node:diagnostics_channel";
import http from "node:http";
import net from "node:net";

const require = createRequire(import.meta.url);
const pg = require("pg");
const now = () => performance.timeOrigin + performance.now();
const STATEMENT = "auction-token-bid";

let open = false;
/** per accepted bid: seq → times */
let bids = new Map();
/** every bid statement: [start, acquired, end, accepted (1/0)] */
let statements = [];
// the query config object is the one the pool hands on to the client: it carries the times
const pending = new WeakMap();
const arrivals = new WeakMap();

const poolQuery = pg.Pool.prototype.query;
pg.Pool.prototype.query = function (config, ...rest) {
  if (!open || config?.name !== STATEMENT) return poolQuery.call(this, config, ...rest);
  const t = { start: now(), acquired: 0 };
  pending.set(config, t);
  const result = poolQuery.call(this, config, ...rest);
  result.then(
    (r) => {
      const end = now();
      const seq = r.rows[0]?.r?.seq;
      statements.push([t.start, t.acquired, end, seq ? 1 : 0]);
      if (seq) bids.set(seq, { ...bids.get(seq), start: t.start, acquired: t.acquired, result: end });
    },
    () => {},
  );
  return result;
};
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, ...rest) {
  const t = pending.get(config);
  if (t) t.acquired = now();
  return clientQuery.call(this, config, ...rest);
};

diagnostics.subscribe("http.server.request.start", ({ request, response }) => {
  if (open && request.method === "POST") arrivals.set(response, now());
});
const end = http.ServerResponse.prototype.end;
http.ServerResponse.prototype.end = function (chunk, ...rest) {
  const arrived = arrivals.get(this);
  if (arrived !== undefined && typeof chunk === "string" && this.statusCode === 201) {
    const seq = Number(/"seq":(\d+)/.exec(chunk)?.[1]);
    if (seq) bids.set(seq, { ...bids.get(seq), arrived, answered: now() });
  }
  return end.call(this, chunk, ...rest);
};

// A broadcast: one buffer written to every watcher's socket of this process in one go
// (hot-api.ts's socketWriter); a run of writes of the same buffer is one burst [start, end, writes].
let bursts = [];
let burstBuffer;
const write = net.Socket.prototype.write;
net.Socket.prototype.write = function (chunk, ...rest) {
  if (open && Buffer.isBuffer(chunk)) {
    const t = now();
    if (chunk === burstBuffer) {
      const b = bursts[bursts.length - 1];
      b[1] = t;
      b[2]++;
    } else {
      burstBuffer = chunk;
      bursts.push([t, t, 1]);
    }
  }
  return write.call(this, chunk, ...rest);
};

export function openTrace() {
  open = true;
  bids = new Map();
  statements = [];
  bursts = [];
  burstBuffer = undefined;
}

export function closeTrace() {
  open = false;
  // a burst is a buffer written to more than a few sockets (an answer is written once)
  return { bids: [...bids], statements, bursts: bursts.filter((b) => b[2] >= 10) };
}
