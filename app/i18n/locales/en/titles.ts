import type { titles as zh } from "../zh-CN/titles.ts";

export const titles: typeof zh = {
  contractStats: "Technology contract statistics",
  bureauDashboard: "Technology contract statistics",
  bureauTargets: "Annual targets",
  bureauAudit: "Audit check",
  bureauAnomalies: "Anomalies",
  bureauContracts: "Contract details",
  bureauImport: "Import historical data",
  contracts: "Technology contracts",
  contractNew: "New technology contract",
  contractEdit: "Edit technology contract",
  certificate: "Technology contract registration certificate",
  negotiation: "Negotiation",
  offerNew: "Make an offer",
  proposalNew: "Propose a solution",
  offers: "My offers and proposals",
  mySubsidies: "My subsidy applications",
  subsidies: "Subsidy programmes",
  marketStats: "Technology market statistics",
  marketStatsDescription:
    "Ganzhou's registered technology contracts in figures: contract amounts, technology transaction amounts, contract types, technical fields, months and progress towards the annual target.",
};
