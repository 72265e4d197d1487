// The two-digit registration point (登记点) inside registration numbers: set per bureau
// organization (or as the default) through the API, used by the next registration, audited.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import * as pointsRoute from "../../app/routes/api.v1.contracts.registration-points.ts";
import { apiRequest, call, makeCaller, makeOrg } from "../factories.ts";
import { registeredContract } from "./contracts-helpers.ts";

const get = (token: string) =>
  call(pointsRoute.loader, apiRequest("GET", "/api/v1/contracts/registration-points", { token }));
const put = (token: string, body: unknown) =>
  call(pointsRoute.action, apiRequest("PUT", "/api/v1/contracts/registration-points", { token, body }));

test("bureau staff set their organization's point; the next registration number carries it", async () => {
  const bureauOrg = await makeOrg({ kind: "government", name: `赣州市科学技术局${Date.now()}`, verified: true });
  const bureau = await makeCaller("bureau", { org: bureauOrg });
  expect((await get(bureau.token)).body).toEqual({ default: "01", points: [] });

  const set = await put(bureau.token, { organizationId: bureauOrg.id, point: "05" });
  expect(set.status).toBe(200);
  expect(set.body.points).toEqual([{ organizationId: bureauOrg.id, organizationName: bureauOrg.name, point: "05" }]);
  expect(
    await prisma.auditEvent.count({
      where: {
        entityType: "organization",
        entityId: bureauOrg.id,
        action: "registration_point",
        actorId: bureau.user.id,
      },
    }),
  ).toBe(1);

  const contract = await registeredContract(
    bureau,
    await makeOrg({ verified: true }),
    await makeOrg({ kind: "enterprise", verified: true }),
  );
  expect(contract.registrationNumber).toMatch(/^\d{2}360705\d{6}$/);

  const byDefault = await put(bureau.token, { organizationId: null, point: "12" });
  expect(byDefault.body.default).toBe("12");
});

test("refusals: other roles, bad points, unknown or non-government organizations, unknown fields", async () => {
  const company = await makeCaller("company");
  expect((await get(company.token)).status).toBe(403);
  expect((await put(company.token, { organizationId: null, point: "02" })).status).toBe(403);

  const bureau = await makeCaller("bureau");
  const before = (await get(bureau.token)).body;
  for (const [body, field] of [
    [{ organizationId: null, point: "00" }, "point"],
    [{ organizationId: null, point: "7" }, "point"],
    [{ organizationId: null, point: 7 }, "point"],
    [{ organizationId: null, point: "1a" }, "point"],
    [{ point: "02" }, "organizationId"],
    [{ organizationId: "no-such-org", point: "02" }, "organizationId"],
    [{ organizationId: company.org!.id, point: "02" }, "organizationId"],
    [{ organizationId: null, point: "02", serial: 5 }, "serial"],
  ] as const) {
    const res = await put(bureau.token, body);
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(Object.keys(res.body.error.fields ?? {}), JSON.stringify(body)).toContain(field);
  }
  expect((await get(bureau.token)).body).toEqual(before);
  expect(
    (
      await call(
        pointsRoute.action,
        apiRequest("POST", "/api/v1/contracts/registration-points", { token: bureau.token, body: {} }),
      )
    ).status,
  ).toBe(405);
});
