export const auctions = {
  title: "成果交易",
  intro: "高校院所的科技成果在此挂牌、网络竞价或协议定价公示。竞价以服务器时间为准，竞买人以代码显示，出价记录不可篡改。",
  notifications: {
    cancelled: "交易项目「{{title}}」已取消",
    won: "您竞得了「{{title}}」，请在 5 个工作日内确认成交",
    objectionUpheld: "协议定价公示「{{title}}」的异议成立，交易终止",
  },
};
