// Demo accounts: one per role, plus a few more users attached to other organizations. All share
// the password DEMO_PASSWORD. The .demo.gz domain does not exist, so no mail can leave.
import type { AccountDef } from "./types.ts";

export const DEMO_PASSWORD = "Demo12345!";

export const ACCOUNTS: AccountDef[] = [
  {
    email: "researcher@demo.gz",
    name: "刘志强",
    role: "researcher",
    org: "jxust",
    note: "科研人员，江西理工大学（稀土永磁、硬质合金成果）",
  },
  {
    email: "company@demo.gz",
    name: "陈国栋",
    role: "company",
    org: "jinci",
    note: "企业用户，赣州金磁永磁科技有限公司（钕铁硼磁钢企业的需求）",
  },
  {
    email: "broker@demo.gz",
    name: "钟文华",
    role: "broker",
    org: "xjg-ttc",
    note: "技术经纪人，赣州稀金谷技术转移服务中心",
  },
  {
    email: "bureau@demo.gz",
    name: "曾庆林",
    role: "bureau",
    org: "gzkjj",
    note: "科技局工作人员，赣州市科学技术局（审核、认定登记）",
  },
  { email: "admin@demo.gz", name: "系统管理员", role: "admin", org: null, note: "系统管理员（无所属机构）" },
  // more users on other organizations
  {
    email: "researcher.gnnu@demo.gz",
    name: "肖雅琴",
    role: "researcher",
    org: "gnnu",
    note: "科研人员，赣南师范大学（脐橙、黄龙病）",
  },
  {
    email: "researcher.gmu@demo.gz",
    name: "温玉兰",
    role: "researcher",
    org: "gmu",
    note: "科研人员，赣南医科大学（医药、检测）",
  },
  {
    email: "researcher.gia@demo.gz",
    name: "叶振宇",
    role: "researcher",
    org: "gia",
    note: "科研人员，中国科学院赣江创新研究院（稀土分离）",
  },
  {
    email: "researcher.scut@demo.gz",
    name: "林嘉豪",
    role: "researcher",
    org: "scut",
    note: "科研人员，华南理工大学（大湾区）",
  },
  {
    email: "company.ruixi@demo.gz",
    name: "赖国平",
    role: "company",
    org: "ruixi",
    note: "企业用户，龙南瑞稀新材料有限公司（稀土分离）",
  },
  {
    email: "company.pcb@demo.gz",
    name: "邱海波",
    role: "company",
    org: "dingsheng",
    note: "企业用户，信丰鼎盛电路科技有限公司（PCB）",
  },
  {
    email: "company.orange@demo.gz",
    name: "廖建平",
    role: "company",
    org: "chengxiang",
    note: "企业用户，寻乌县橙乡果业有限公司（脐橙）",
  },
  {
    email: "company.furniture@demo.gz",
    name: "蓝天宇",
    role: "company",
    org: "mujiangfang",
    note: "企业用户，南康区木匠坊家具有限公司（家具）",
  },
  {
    email: "broker.gba@demo.gz",
    name: "梁敏",
    role: "broker",
    org: "gba-ttc",
    note: "技术经纪人，粤港澳大湾区（赣州）产学研技术转移分中心",
  },
  // the network (seeds/network.server.ts): a junior broker practising for 稀金谷 and the staff of the
  // 稀土 sub-centre; no organization of their own, so the generated listings and deals stay the same
  {
    email: "broker.junior@demo.gz",
    name: "钟晓梅",
    role: "broker",
    org: null,
    note: "初级技术经纪人，赣州稀金谷技术转移服务中心（县域农业、中医药）",
  },
  {
    email: "subcentre@demo.gz",
    name: "黄立新",
    role: "subcentre",
    org: null,
    note: "分中心工作人员，稀土新材料及应用分中心（派单走访、委托初审、分中心数据）",
  },
];
