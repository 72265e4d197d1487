// Without SMTP, mail is written as .eml files by nodemailer's own stream transport: both the
// text and the HTML part (the hand-written writer dropped the HTML), headers encoded as SMTP
// would send them, one file per outbox row, named by its id.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { deliverPendingMail, queueMail } from "../../app/mail/mail.server.ts";

test("an .eml file keeps the HTML part beside the text, with encoded Chinese subject", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mail-eml-"));
  const previous = { DATA_DIR: process.env.DATA_DIR, SMTP_URL: process.env.SMTP_URL };
  process.env.DATA_DIR = dataDir;
  delete process.env.SMTP_URL;
  try {
    const row = await queueMail({
      to: "reader@test.local",
      subject: "重置密码 / Reset your password",
      text: "打开链接：https://market.example.cn/reset-password?token=abc",
      html: '<p>打开<a href="https://market.example.cn/reset-password?token=abc">链接</a></p>',
      kind: "test-html",
    });
    await deliverPendingMail();
    expect((await prisma.outboxMail.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("written");
    const eml = fs.readFileSync(path.join(dataDir, "mail", `${row.id}.eml`), "utf8");
    expect(eml).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(eml).toMatch(/^Content-Type: text\/plain; charset=utf-8/m);
    expect(eml).toMatch(/^Content-Type: text\/html; charset=utf-8/m);
    expect(eml).toContain("To: reader@test.local");
    expect(eml).toContain(`Message-ID: <${row.id}@gz-tech-market.local>`);
    expect(eml).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
    // the link survives in both parts (quoted-printable: "=" is "=3D", long lines fold with "=\r\n")
    const unfolded = eml.replace(/=\r\n/g, "");
    expect(unfolded.match(/reset-password\?token=3Dabc/g) ?? []).toHaveLength(2);
  } finally {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
