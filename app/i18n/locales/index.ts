// Register each namespace here, in both languages.
import { common as commonEn } from "./en/common.ts";
import { common as commonZh } from "./zh-CN/common.ts";
import { auctions as auctionsEn } from "./en/auctions.ts";
import { auctions as auctionsZh } from "./zh-CN/auctions.ts";
import { auth as authEn } from "./en/auth.ts";
import { auth as authZh } from "./zh-CN/auth.ts";
import { contracts as contractsEn } from "./en/contracts.ts";
import { contracts as contractsZh } from "./zh-CN/contracts.ts";
import { offers as offersEn } from "./en/offers.ts";
import { offers as offersZh } from "./zh-CN/offers.ts";
import { bureau as bureauEn } from "./en/bureau.ts";
import { bureau as bureauZh } from "./zh-CN/bureau.ts";
import { listings as listingsEn } from "./en/listings.ts";
import { listings as listingsZh } from "./zh-CN/listings.ts";
import { lots as lotsEn } from "./en/lots.ts";
import { lots as lotsZh } from "./zh-CN/lots.ts";
import { orgs as orgsEn } from "./en/orgs.ts";
import { orgs as orgsZh } from "./zh-CN/orgs.ts";
import { search as searchEn } from "./en/search.ts";
import { events as eventsEn } from "./en/events.ts";
import { events as eventsZh } from "./zh-CN/events.ts";
import { search as searchZh } from "./zh-CN/search.ts";
import { legal as legalEn } from "./en/legal.ts";
import { legal as legalZh } from "./zh-CN/legal.ts";
import { network as networkEn } from "./en/network.ts";
import { network as networkZh } from "./zh-CN/network.ts";
import { payments as paymentsEn } from "./en/payments.ts";
import { payments as paymentsZh } from "./zh-CN/payments.ts";
import { subsidies as subsidiesEn } from "./en/subsidies.ts";
import { subsidies as subsidiesZh } from "./zh-CN/subsidies.ts";
import { notifications as notificationsEn } from "./en/notifications.ts";
import { notifications as notificationsZh } from "./zh-CN/notifications.ts";
import { titles as titlesEn } from "./en/titles.ts";
import { forms as formsEn } from "./en/forms.ts";
import { forms as formsZh } from "./zh-CN/forms.ts";
import { titles as titlesZh } from "./zh-CN/titles.ts";

export const resources = {
  "zh-CN": {
    auctions: auctionsZh,
    auth: authZh,
    bureau: bureauZh,
    common: commonZh,
    contracts: contractsZh,
    events: eventsZh,
    forms: formsZh,
    legal: legalZh,
    listings: listingsZh,
    lots: lotsZh,
    network: networkZh,
    offers: offersZh,
    orgs: orgsZh,
    payments: paymentsZh,
    search: searchZh,
    subsidies: subsidiesZh,
    notifications: notificationsZh,
    titles: titlesZh,
  },
  en: {
    auctions: auctionsEn,
    auth: authEn,
    bureau: bureauEn,
    common: commonEn,
    contracts: contractsEn,
    events: eventsEn,
    forms: formsEn,
    legal: legalEn,
    listings: listingsEn,
    lots: lotsEn,
    network: networkEn,
    offers: offersEn,
    orgs: orgsEn,
    payments: paymentsEn,
    search: searchEn,
    subsidies: subsidiesEn,
    notifications: notificationsEn,
    titles: titlesEn,
  },
} as const;
