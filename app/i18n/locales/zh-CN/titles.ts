// Page titles (<title>) of pages whose meta has no loader data to take them from.
export const titles = {
  contractStats: "技术合同统计",
  bureauDashboard: "技术合同统计",
  bureauTargets: "年度目标",
  bureauAudit: "审计核验",
  bureauAnomalies: "异常提示",
  bureauContracts: "合同明细",
  bureauImport: "历史数据导入",
  contracts: "技术合同",
  contractNew: "录入技术合同",
  contractEdit: "修改技术合同",
  certificate: "技术合同认定登记证明",
  negotiation: "洽谈",
  offerNew: "报价",
  proposalNew: "提交合作方案",
  offers: "我的报价与方案",
  mySubsidies: "我的奖补申请",
  subsidies: "奖补项目",
  marketStats: "技术市场统计",
  marketStatsDescription:
    "赣州市技术合同认定登记汇总数据：成交额、技术交易额、合同类型、技术领域、月度分布与年度目标进度。",
};
