// Notifications and mail written by the server (both languages are stored; the reader's is shown).
export const notifications = {
  mailSubject: "【赣州科技大市场】{{title}}",
  mailOpen: "查看：{{link}}",
  listing: {
    resultApproved: "您的科技成果“{{title}}”已通过审核并发布",
    needApproved: "您的技术需求“{{title}}”已通过审核并发布",
    resultRejected: "您的科技成果“{{title}}”未通过审核",
    needRejected: "您的技术需求“{{title}}”未通过审核",
    rejectedBody: "驳回理由：{{reason}}\n修改后可重新提交审核。",
  },
};
