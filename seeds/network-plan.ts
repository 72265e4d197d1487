// The demo network as data (carried out by network.server.ts): the sub-centres with their
// operators, affiliated organizations and targets, the brokers, and the leads they file.
import { type SubcentreKind } from "../app/subcentres/schemas.ts";

type CentreDef = {
  name: string;
  kind: SubcentreKind;
  regionCode: string;
  operator: string | null;
  description: string;
  affiliates: string[];
  /** this year's 技术合同成交额 target in 万元 */
  targetWan?: number;
  delegatedReview?: boolean;
};

/** The demo centres; `operator` and `affiliates` are demo organization keys (seeds/data/organizations.ts). */
export const DEMO_CENTRES: CentreDef[] = [
  {
    name: "赣州科技大市场市级中心",
    kind: "city_centre",
    regionCode: "360702",
    operator: "gzkjj",
    description: "统筹全市技术转移，向各分中心派单、考核。",
    affiliates: ["gnnu", "gmu", "kangyuan", "ruikang", "qingyuan", "zhihui-ip"],
  },
  {
    name: "稀土新材料及应用分中心",
    kind: "industry_cluster",
    regionCode: "360702",
    operator: "xjg-ttc",
    description: "依托中国稀金谷，服务稀土永磁、发光、冶炼分离与资源循环企业。",
    affiliates: ["jinci", "huaguang", "xinyuan", "jinghuan", "nrfmic", "jxust", "xjg-ttc"],
    targetWan: 30_000,
    delegatedReview: true,
  },
  {
    name: "钨新材料及应用分中心",
    kind: "industry_cluster",
    regionCode: "360725",
    operator: "gzyjs",
    description: "服务崇义、大余等地钨冶炼、硬质合金与精密刀具企业。",
    affiliates: ["wufeng", "hongwu", "ruifeng", "gzyjs"],
    targetWan: 12_000,
  },
  {
    name: "现代家具分中心",
    kind: "industry_cluster",
    regionCode: "360703",
    operator: null,
    description: "立足南康家具产业集群，对接涂装、板材、智能制造技术。",
    affiliates: ["mujiangfang", "huasen", "gongtu", "jingcheng", "zhicheng"],
    targetWan: 8_000,
  },
  {
    name: "电子信息分中心",
    kind: "industry_cluster",
    regionCode: "360722",
    operator: null,
    description: "服务信丰、龙南等地电路板、封测、显示企业。",
    affiliates: ["dingsheng", "huijing", "xinlian", "rongguang", "yuanhang"],
    targetWan: 10_000,
  },
  {
    name: "锂电新能源分中心",
    kind: "industry_cluster",
    regionCode: "360704",
    operator: null,
    description: "服务锂电材料、电池回收、储能与新能源汽车企业。",
    affiliates: ["liyuan", "xunli", "ruijin-power", "chiyuan", "hengdong"],
    targetWan: 15_000,
  },
  {
    name: "龙南经开区分中心",
    kind: "county",
    regionCode: "360783",
    operator: "ln-kcfw",
    description: "龙南经济技术开发区的科技创新服务窗口。",
    affiliates: ["ruixi", "ln-kcfw"],
    targetWan: 5_000,
  },
  {
    name: "寻乌县分中心",
    kind: "county",
    regionCode: "360734",
    operator: null,
    description: "脐橙、果业与氟化工企业的需求征集。",
    affiliates: ["chengxiang", "sanbaishan", "lvcheng", "xinfu"],
    targetWan: 2_000,
  },
  {
    name: "于都县分中心",
    kind: "county",
    regionCode: "360731",
    operator: null,
    description: "富硒农业、畜牧与油茶企业的需求征集。",
    affiliates: ["fuxi", "jinhe", "lvyuan", "youjiang", "bailian", "hongdu"],
    targetWan: 2_000,
  },
  {
    name: "中科院深圳先进院赣州技术转移中心",
    kind: "bay_area",
    regionCode: "360702",
    operator: "siat",
    description: "中国科学院深圳先进技术研究院在赣州设立的技术转移中心（科创飞地）。",
    affiliates: ["siat", "giec", "gia"],
    targetWan: 6_000,
  },
  {
    name: "粤港澳大湾区（赣州）产学研技术转移分中心",
    kind: "bay_area",
    regionCode: "360702",
    operator: "gba-ttc",
    description: "对接华南理工、中山大学、广东工业大学、港科大（广州）等大湾区高校的成果。",
    affiliates: ["scut", "sysu", "gdut", "hkustgz", "gba-ttc"],
    targetWan: 6_000,
  },
];

type BrokerDef = {
  email: string;
  level: "junior" | "intermediate" | "senior";
  cert: string | null;
  fields: string[];
  regions: string[];
  bio: string;
  /** the broker organization, when not the broker's own */
  org?: string;
};
export const BROKERS: BrokerDef[] = [
  {
    email: "broker@demo.gz",
    level: "senior",
    cert: "GJJSJL-2022-0361",
    fields: ["rare_earth", "tungsten", "new_materials"],
    regions: ["360702", "360704", "360783"],
    bio: "从事稀土、钨新材料技术转移十余年，促成校企合作项目三十余项。",
  },
  {
    email: "broker.gba@demo.gz",
    level: "intermediate",
    cert: "YGA-JJR-2023-0117",
    fields: ["electronics", "new_energy"],
    regions: ["360702", "440100", "440300"],
    bio: "对接大湾区高校院所与赣州企业，专注电子信息与新能源。",
  },
  {
    email: "broker.junior@demo.gz",
    level: "junior",
    cert: null,
    fields: ["agriculture", "biomedicine"],
    regions: ["360731", "360734"],
    bio: "初级技术经纪人，服务县域农业与中医药企业。",
    org: "xjg-ttc",
  },
];

type LeadDef = { broker: string; buyer: string; seller: string; daysAgo: number; note: string; waive?: boolean };
export const LEADS: LeadDef[] = [
  {
    broker: "broker.gba@demo.gz",
    buyer: "dingsheng",
    seller: "scut",
    daysAgo: 90,
    note: "鼎盛电路需要高频板材工艺，华南理工团队有成熟方案，已组织双方线上交流。",
  },
  {
    broker: "broker@demo.gz",
    buyer: "ruixi",
    seller: "gia",
    daysAgo: 40,
    note: "瑞稀新材料拟上马萃取分离新工艺，赣江创新研究院有中试成果，安排了现场考察。",
  },
  {
    broker: "broker@demo.gz",
    buyer: "huaguang",
    seller: "nrfmic",
    daysAgo: 300,
    note: "发光材料企业与国家稀土功能材料创新中心对接荧光粉改性。",
  },
  {
    broker: "broker@demo.gz",
    buyer: "wufeng",
    seller: "gzyjs",
    daysAgo: 200,
    note: "硬质合金涂层技术对接。",
    waive: true,
  },
  {
    broker: "broker.gba@demo.gz",
    buyer: "liyuan",
    seller: "giec",
    daysAgo: 150,
    note: "锂电正极材料回收工艺对接广州能源所。",
  },
  {
    broker: "broker.junior@demo.gz",
    buyer: "chengxiang",
    seller: "jxau",
    daysAgo: 60,
    note: "脐橙黄龙病防控技术需求，联系江西农业大学植保团队。",
  },
  { broker: "broker.junior@demo.gz", buyer: "fuxi", seller: "gnnu", daysAgo: 20, note: "富硒蔬菜检测与品质提升。" },
];
