import type { auctions as zh } from "../zh-CN/auctions.ts";

export const auctions: typeof zh = {
  title: "Trading",
  intro: "Research results offered by universities and institutes: fixed-price listings, online bidding and agreed prices published for objections. Bidding runs on server time, bidders appear as codes, and the bid log cannot be altered.",
  notifications: {
    cancelled: "The lot “{{title}}” was cancelled",
    won: "You won “{{title}}”: confirm within 5 working days",
    objectionUpheld: "An objection to the agreed price of “{{title}}” was upheld: the deal stops",
  },
};
