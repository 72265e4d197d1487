// Each role × each action on results and needs, including attempts on another organization's
// listings, through the API handlers.
import { describe, expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import type { Role } from "../../app/domain/catalog.ts";
import * as results from "../../app/routes/api.v1.results.ts";
import * as resultItem from "../../app/routes/api.v1.results.$id.ts";
import * as resultReview from "../../app/routes/api.v1.results.$id.review.ts";
import * as resultWithdraw from "../../app/routes/api.v1.results.$id.withdraw.ts";
import * as resultSubmit from "../../app/routes/api.v1.results.$id.submit.ts";
import * as needs from "../../app/routes/api.v1.needs.ts";
import * as needItem from "../../app/routes/api.v1.needs.$id.ts";
import * as needReview from "../../app/routes/api.v1.needs.$id.review.ts";
import * as needWithdraw from "../../app/routes/api.v1.needs.$id.withdraw.ts";
import * as needSubmit from "../../app/routes/api.v1.needs.$id.submit.ts";
import { apiRequest, call, makeCaller, makeOrg } from "../factories.ts";

const resultBody = {
  title: "钨粉末冶金",
  summary: "简介",
  field: "tungsten",
  maturity: "lab",
  transferModes: ["license"],
};
const needBody = { title: "刀片磨损太快", description: "寻找耐磨涂层方案", field: "tungsten", budgetFen: 30_000_000 };

const kinds = {
  result: {
    path: "results",
    collection: results,
    item: resultItem,
    review: resultReview,
    withdraw: resultWithdraw,
    submit: resultSubmit,
    body: resultBody,
    owner: "researcher" as Role,
    creators: ["researcher", "broker", "admin"],
  },
  need: {
    path: "needs",
    collection: needs,
    item: needItem,
    review: needReview,
    withdraw: needWithdraw,
    submit: needSubmit,
    body: needBody,
    owner: "company" as Role,
    creators: ["company", "broker", "admin"],
  },
};

const ROLES: Role[] = ["researcher", "company", "broker", "bureau", "admin"];

for (const [kind, k] of Object.entries(kinds)) {
  describe(`${kind}s`, () => {
    test.each(ROLES)(`create as %s`, async (role) => {
      const caller = await makeCaller(role, role === "admin" || role === "bureau" ? { org: await makeOrg() } : {});
      const r = await call(
        k.collection.action,
        apiRequest("POST", `/api/v1/${k.path}`, { token: caller.token, body: k.body }),
      );
      if (k.creators.includes(role)) {
        expect(r.status).toBe(201);
        expect(r.body.organization.id).toBe(caller.org!.id);
      } else {
        expect(r.status).toBe(403);
        expect(r.body.error.code).toBe("forbidden");
        expect(await prisma[kind as "result"].count({ where: { organizationId: caller.org!.id } })).toBe(0);
      }
    });

    test("drafts: read, edit, submit and withdraw by each role, own and other organization", async () => {
      const owner = await makeCaller(k.owner);
      const created = await call(
        k.collection.action,
        apiRequest("POST", `/api/v1/${k.path}`, { token: owner.token, body: k.body }),
      );
      const id = created.body.id as string;
      const get = (token?: string) =>
        call(k.item.loader, apiRequest("GET", `/api/v1/${k.path}/${id}`, { token }), { id });
      const patch = (token: string) =>
        call(
          k.item.action,
          apiRequest("PATCH", `/api/v1/${k.path}/${id}`, { token, body: { title: `改 ${token.slice(-4)}` } }),
          { id },
        );
      const submit = (token: string) =>
        call(k.submit.action, apiRequest("POST", `/api/v1/${k.path}/${id}/submit`, { token }), { id });

      // same organization, a role that may not edit this kind (company for results, researcher for needs)
      const sameOrgOtherRole = await makeCaller(k.owner === "researcher" ? "company" : "researcher", {
        org: owner.org,
      });
      const sameOrgBroker = await makeCaller("broker", { org: owner.org });
      const strangers = await Promise.all(["researcher", "company", "broker"].map((r) => makeCaller(r as Role)));
      const bureau = await makeCaller("bureau");
      const admin = await makeCaller("admin", { org: null });

      expect((await get()).status).toBe(404);
      expect((await get(owner.token)).status).toBe(200);
      expect((await get(sameOrgOtherRole.token)).status).toBe(200);
      expect((await get(bureau.token)).status).toBe(200);
      expect((await get(admin.token)).status).toBe(200);
      for (const s of strangers) {
        expect((await get(s.token)).status).toBe(404); // another organization's draft does not exist for them
        expect((await patch(s.token)).status).toBe(404);
        expect((await submit(s.token)).status).toBe(404);
      }
      expect((await patch(sameOrgOtherRole.token)).status).toBe(403);
      expect((await patch(bureau.token)).status).toBe(403);
      expect((await patch(owner.token)).status).toBe(200);
      expect((await patch(sameOrgBroker.token)).status).toBe(200);
      expect((await patch(admin.token)).status).toBe(200);
      expect((await submit(bureau.token)).status).toBe(403);
      expect((await submit(owner.token)).body.status).toBe("pending_review");

      // review: only bureau and admin
      const review = (token: string, body: unknown) =>
        call(k.review.action, apiRequest("POST", `/api/v1/${k.path}/${id}/review`, { token, body }), { id });
      for (const c of [owner, sameOrgBroker, ...strangers]) {
        const r = await review(c.token, { decision: "approve" });
        expect(r.status).toBe(403);
      }
      expect((await review(admin.token, { decision: "approve" })).body.status).toBe("published");
      expect((await review(bureau.token, { decision: "approve" })).status).toBe(409);

      // published: everyone reads; strangers see it but may not change it (403)
      expect((await get()).status).toBe(200);
      for (const s of strangers) {
        expect((await get(s.token)).status).toBe(200);
        expect((await patch(s.token)).status).toBe(403);
        const w = await call(
          k.withdraw.action,
          apiRequest("POST", `/api/v1/${k.path}/${id}/withdraw`, { token: s.token }),
          { id },
        );
        expect(w.status).toBe(403);
      }
      const w = await call(
        k.withdraw.action,
        apiRequest("POST", `/api/v1/${k.path}/${id}/withdraw`, { token: admin.token }),
        { id },
      );
      expect(w.body.status).toBe("withdrawn");
      const row = await prisma[kind as "result"].findUniqueOrThrow({ where: { id } });
      expect(row.status).toBe("withdrawn");
    });
  });
}
