// Finding: NUL bytes in text fields, queries and path ids, lone surrogates and invalid UTF-8 gave
// 500s (or were stored as U+FFFD). One text rule, applied where JSON bodies, query strings and
// path ids are parsed: a 400 naming the field, and nothing stored.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";
import { contractBody } from "../api/contracts-helpers.ts";
import * as contractsRoute from "../../app/routes/api.v1.contracts.ts";
import * as submitRoute from "../../app/routes/api.v1.contracts.$id.submit.ts";

test("NUL and lone surrogates in any JSON string, invalid UTF-8 and NUL in queries and path ids answer 400 naming the field", async () => {
  const company = await makeCaller("company");
  const seller = await makeCaller("researcher");
  const before = await prisma.contract.count();
  const post = (rawBody: string | Uint8Array<ArrayBuffer>) =>
    call(
      contractsRoute.action,
      new Request("http://localhost/api/v1/contracts", {
        method: "POST",
        headers: { Authorization: `Bearer ${company.token}`, "Content-Type": "application/json" },
        body: rawBody,
      }),
    );

  const nul = await post(JSON.stringify(contractBody(seller.org!, company.org!, { title: "合同\u0000名称" })));
  expect(nul.status).toBe(400);
  expect(nul.body.error.fields.title).toMatch(/NUL/);

  const surrogate = await post(
    JSON.stringify(contractBody(seller.org!, company.org!)).replace('"稀土', '"\\ud800稀土'),
  );
  expect(surrogate.status).toBe(400);
  expect(surrogate.body.error.fields.title).toMatch(/Unicode/);

  const json = Buffer.from(JSON.stringify(contractBody(seller.org!, company.org!, { title: "XXXX" })));
  const invalid = new Uint8Array(new ArrayBuffer(json.length));
  invalid.set(json);
  invalid.set([0xc3, 0x28, 0xff, 0xfe], json.indexOf("XXXX"));
  const utf8 = await post(invalid);
  expect(utf8.status).toBe(400);
  expect(utf8.body.error.message).toMatch(/UTF-8/);

  const query = await call(
    contractsRoute.loader,
    apiRequest("GET", "/api/v1/contracts?q=%00x", { token: company.token }),
  );
  expect(query.status).toBe(400);
  expect(query.body.error.fields).toHaveProperty("q");

  const path = await call(
    submitRoute.action,
    apiRequest("POST", "/api/v1/contracts/a%00b/submit", { token: company.token }),
    { id: "a\u0000b" },
  );
  expect(path.status).toBe(400);
  expect(path.body.error.fields).toHaveProperty("id");

  expect(await prisma.contract.count()).toBe(before);
});
