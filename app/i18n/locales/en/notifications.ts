import type { notifications as zh } from "../zh-CN/notifications.ts";

export const notifications: typeof zh = {
  mailSubject: "[Ganzhou Technology Market] {{title}}",
  mailOpen: "Open: {{link}}",
  listing: {
    resultApproved: "Your result “{{title}}” was approved and published",
    needApproved: "Your need “{{title}}” was approved and published",
    resultRejected: "Your result “{{title}}” was not approved",
    needRejected: "Your need “{{title}}” was not approved",
    rejectedBody: "Reason: {{reason}}\nEdit it and submit it for review again.",
  },
};
