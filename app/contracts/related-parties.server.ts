// Whether a contract's seller and buyer look like one group (the related_parties anomaly rule,
// described in anomalies.server.ts): what each organization's credit code, users, listing contacts
// and name say about it, and the reasons two of them look related.
import { prisma } from "../db/db.server.ts";
import { REGIONS } from "../domain/regions.ts";

const PUBLIC_MAIL_DOMAINS = new Set([
  "qq.com",
  "163.com",
  "126.com",
  "yeah.net",
  "sina.com",
  "sina.cn",
  "sohu.com",
  "foxmail.com",
  "139.com",
  "189.cn",
  "aliyun.com",
  "gmail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "yahoo.com",
  "icloud.com",
]);

// Place names a trade name may start with, longest first ("江西省赣州市…", "章贡区…").
const PLACE_PREFIXES = (() => {
  const names = new Set<string>(["中国", "江西省", "江西", "广东省", "广东", "中国科学院", "中科院"]);
  for (const r of Object.values(REGIONS)) {
    const zh = r.zh.replace(/（.*?）/g, "");
    names.add(zh);
    const short = zh.replace(/(特别行政区|省|市|县|区)$/, "");
    if (short.length >= 2) names.add(short);
  }
  return [...names].sort((a, b) => b.length - a.length);
})();
const LEGAL_SUFFIX = /(股份有限公司|有限责任公司|有限公司|集团|分公司|公司|研究院|研究所|中心)$/;

/** The distinctive part of an organization's name (字号): place names and legal form removed. */
export function tradeNameStem(name: string) {
  let s = name.replace(/[（(].*?[)）]/g, "").replace(/\s+/g, "");
  let changed = true;
  while (changed) {
    changed = false;
    for (const p of PLACE_PREFIXES) {
      if (s.startsWith(p) && s.length > p.length + 1) {
        s = s.slice(p.length);
        changed = true;
        break;
      }
    }
  }
  while (LEGAL_SUFFIX.test(s) && s.replace(LEGAL_SUFFIX, "").length >= 2) s = s.replace(LEGAL_SUFFIX, "");
  return s.slice(0, 3);
}

export type OrgFacts = {
  id: string;
  name: string;
  creditCode: string;
  emails: Set<string>;
  phones: Set<string>;
  domains: Set<string>;
};

export async function orgFacts(ids: string[]): Promise<Map<string, OrgFacts>> {
  const orgs = await prisma.organization.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      name: true,
      creditCode: true,
      users: { select: { email: true } },
      results: { select: { contactEmail: true, contactPhone: true } },
      needs: { select: { contactEmail: true, contactPhone: true } },
    },
  });
  const map = new Map<string, OrgFacts>();
  for (const o of orgs) {
    const emails = new Set<string>();
    const phones = new Set<string>();
    const domains = new Set<string>();
    for (const u of o.users) {
      const e = u.email.trim().toLowerCase();
      emails.add(e);
      const domain = e.split("@")[1];
      if (domain && !PUBLIC_MAIL_DOMAINS.has(domain)) domains.add(domain);
    }
    for (const l of [...o.results, ...o.needs]) {
      if (l.contactEmail.trim()) emails.add(l.contactEmail.trim().toLowerCase());
      const phone = l.contactPhone.replace(/\D/g, "");
      if (phone.length >= 7) phones.add(phone);
    }
    map.set(o.id, { id: o.id, name: o.name, creditCode: o.creditCode.toUpperCase(), emails, phones, domains });
  }
  // A mail domain shared by users of many organizations (a hosting provider, an industry portal,
  // the demo domain) says nothing about two of them being related: keep only domains used by at
  // most two organizations, so a shared one is these two parties' own.
  const allDomains = [...new Set([...map.values()].flatMap((o) => [...o.domains]))];
  if (allDomains.length) {
    const spread = await prisma.$queryRaw<Array<{ domain: string; orgs: bigint }>>`
      SELECT split_part(lower(email), '@', 2) AS domain, count(DISTINCT "organizationId") AS orgs
      FROM "User" WHERE "organizationId" IS NOT NULL AND split_part(lower(email), '@', 2) = ANY(${allDomains})
      GROUP BY 1`;
    const common = new Set(spread.filter((r) => Number(r.orgs) > 2).map((r) => r.domain));
    for (const o of map.values()) for (const d of common) o.domains.delete(d);
  }
  return map;
}

type Reason = { code: string; explanation: { zh: string; en: string }; [k: string]: unknown };

/** Why two organizations look related; empty when they do not. */
export function relatedPartyReasons(seller: OrgFacts, buyer: OrgFacts): Reason[] {
  const reasons: Reason[] = [];
  const orgCode = (c: string) => c.slice(8, 17);
  if (
    seller.creditCode.length === 18 &&
    buyer.creditCode.length === 18 &&
    orgCode(seller.creditCode) === orgCode(buyer.creditCode)
  ) {
    reasons.push({
      code: "same_organization_code",
      organizationCode: orgCode(seller.creditCode),
      explanation: {
        zh: `双方统一社会信用代码第9–17位（组织机构代码）相同：${orgCode(seller.creditCode)}`,
        en: `Both credit codes embed the same organization code (characters 9–17): ${orgCode(seller.creditCode)}`,
      },
    });
  }
  const shared = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x));
  const emails = shared(seller.emails, buyer.emails);
  const phones = shared(seller.phones, buyer.phones);
  if (emails.length || phones.length) {
    reasons.push({
      code: "shared_people",
      emails,
      phones,
      explanation: {
        zh: `双方有相同的联系人邮箱或电话：${[...emails, ...phones].join("、")}`,
        en: `The two sides share contact e-mails or phones: ${[...emails, ...phones].join(", ")}`,
      },
    });
  }
  const domains = shared(seller.domains, buyer.domains);
  if (domains.length) {
    reasons.push({
      code: "shared_mail_domain",
      domains,
      explanation: {
        zh: `双方用户使用相同的单位邮箱域名：${domains.join("、")}`,
        en: `Users of both sides use the same organization mail domain: ${domains.join(", ")}`,
      },
    });
  }
  const prefix = (c: string) => c.slice(1, 8);
  const stemA = tradeNameStem(seller.name);
  const stemB = tradeNameStem(buyer.name);
  if (prefix(seller.creditCode) === prefix(buyer.creditCode) && stemA.length >= 2 && stemA === stemB) {
    reasons.push({
      code: "same_region_and_trade_name",
      tradeName: stemA,
      explanation: {
        zh: `双方信用代码第2–8位（机构类别与登记管理机关行政区划）相同，且字号相同（「${stemA}」），可能属同一集团`,
        en: `Same kind and registration region (credit-code characters 2–8) and the same trade name ("${stemA}"): possibly one group`,
      },
    });
  }
  return reasons;
}
