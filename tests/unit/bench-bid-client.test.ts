// The bidding bench's cheap bidders' client must read exactly the answers a full HTTP client reads:
// each status and body once, in order, however TCP splits the bytes, Content-Length or chunked.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerParser, BidConnection, postHead, type Answer } from "../bench/bid-client.ts";

const accepted = `{"bid":{"seq":7,"bidderCode":"A07"},"auction":{"currentPriceFen":10300000}}`;
const tooLow = `{"error":{"code":"bid_too_low","message":"出价过低，最低可出 10400000 分 / Bid too low","fields":{"amountFen":"≥ 10400000"}}}`;

function withLength(status: string, body: string) {
  const bytes = Buffer.from(body, "utf8");
  return Buffer.concat([
    Buffer.from(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\ncontent-length: ${bytes.length}\r\nVary: Accept-Encoding\r\n\r\n`,
    ),
    bytes,
  ]);
}
function chunked(status: string, parts: string[]) {
  const body = parts.map((p) => {
    const bytes = Buffer.from(p, "utf8");
    return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from("\r\n")]);
  });
  return Buffer.concat([
    Buffer.from(`HTTP/1.1 ${status}\r\nTransfer-Encoding: chunked\r\n\r\n`),
    ...body,
    Buffer.from("0\r\n\r\n"),
  ]);
}

const wire = Buffer.concat([
  withLength("201 Created", accepted),
  withLength("409 Conflict", tooLow),
  chunked("409 Conflict", [tooLow.slice(0, 30), tooLow.slice(30)]),
  withLength("204 No Content", ""),
]);
const expected: Answer[] = [
  { status: 201, body: accepted },
  { status: 409, body: tooLow },
  { status: 409, body: tooLow },
  { status: 204, body: "" },
];

function read(bytes: Buffer, cuts: number[]) {
  const answers: Answer[] = [];
  const parser = new AnswerParser((a) => answers.push(a));
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    // a view of a buffer that is overwritten after each feed, as the shared read buffer is
    const shared = Buffer.alloc(cut - from);
    bytes.copy(shared, 0, from, cut);
    parser.feed(shared);
    shared.fill(0);
    from = cut;
  }
  return { answers, parser };
}

describe("the bidding bench's answer parser", () => {
  it("reads Content-Length and chunked answers in one piece", () => {
    const { answers, parser } = read(wire, []);
    expect(answers).toEqual(expected);
    expect(parser.partial).toBe(false);
  });

  it("reads the same wherever the bytes are split, once or twice", () => {
    for (let i = 1; i < wire.length; i++) {
      expect(read(wire, [i]).answers, `cut at ${i}`).toEqual(expected);
      for (let j = i + 1; j < wire.length; j += 17) expect(read(wire, [i, j]).answers).toEqual(expected);
    }
  });

  it("waits for the rest of a cut answer", () => {
    const { answers, parser } = read(wire.subarray(0, wire.length - 3), []);
    expect(answers).toEqual(expected.slice(0, 3));
    expect(parser.partial).toBe(true);
  });

  it("refuses an answer whose length it cannot know", () => {
    expect(() => read(Buffer.from("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello"), [])).toThrow(
      /without Content-Length/,
    );
  });
});

describe("the bidding bench's bid connection", () => {
  let server: net.Server;
  let port = 0;
  const received: string[] = [];
  beforeAll(async () => {
    // answers each request (read whole, the body by its Content-Length) with its own body, in two writes
    server = net.createServer((socket) => {
      let buffered = "";
      socket.on("data", (data) => {
        buffered += data.toString("latin1");
        for (;;) {
          const end = buffered.indexOf("\r\n\r\n");
          if (end < 0) return;
          const length = Number(/\r\nContent-Length: (\d+)/.exec(buffered.slice(0, end))![1]);
          if (buffered.length < end + 4 + length) return;
          received.push(buffered.slice(0, end + 4 + length));
          const body = buffered.slice(end + 4, end + 4 + length);
          buffered = buffered.slice(end + 4 + length);
          const answer = withLength("201 Created", body);
          socket.write(answer.subarray(0, 20));
          setTimeout(() => socket.write(answer.subarray(20)), 5);
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("sends the prepared head with the body's length and reads each answer on one connection", async () => {
    const connection = new BidConnection(port);
    const head = postHead(port, "/api/v1/auctions/lot1/bids", "gzk_secret");
    expect(await connection.send(head, `{"amountFen":10100000}`)).toEqual({
      status: 201,
      body: `{"amountFen":10100000}`,
    });
    expect(await connection.send(head, `{"amountFen":9}`)).toEqual({ status: 201, body: `{"amountFen":9}` });
    await expect(connection.send(head, "{}").then(() => connection.send(head, "{}"))).resolves.toBeTruthy();
    connection.close();
    await expect(connection.send(head, "{}")).rejects.toThrow(/closed/);
    expect(received[0]).toBe(
      `POST /api/v1/auctions/lot1/bids HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n` +
        `Authorization: Bearer gzk_secret\r\nContent-Type: application/json\r\nContent-Length: 22\r\n\r\n{"amountFen":10100000}`,
    );
    expect(received).toHaveLength(4);
  });
});
