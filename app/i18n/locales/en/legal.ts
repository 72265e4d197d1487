import type { legal as zh } from "../zh-CN/legal.ts";

export const legal: typeof zh = {
  version: "Version {{version}}",
  contactLine: "Questions? Contact the operations center: phone {{phone}}, email {{email}}.",
  terms: {
    title: "User agreement",
    description:
      "The Ganzhou Technology Market user agreement: the services, sign-up and accounts, publishing, trading and contracts, and each side's responsibilities.",
    lead: 'The Ganzhou Technology Market ("the platform") is guided by the Ganzhou Bureau of Science and Technology and run by the Ganzhou Technology Market Operations Center. It offers publishing, matching, negotiation, technology contracts and contract registration for technology transfer. By signing up you confirm that you have read and accept this agreement.',
    sections: [
      {
        title: "1. Services",
        body: "The platform lets you publish and search research results and technology needs, see matches, make and negotiate offers, draft technology contracts and submit them for registration, register for events and take part in auctions. The platform provides information and trading services; it is not a party to any deal and does not guarantee the technical value of a result or the performance of a buyer.",
      },
      {
        title: "2. Sign-up and accounts",
        body: "Sign up with your real name, a working email address and your organization's real details (including its unified social credit code). An organization must be verified by the operations center or the bureau before it publishes listings or signs contracts. Keep your password safe and do not transfer or lend your account; tell us at once if it is misused.",
      },
      {
        title: "3. Publishing",
        body: "Results, needs and attachments you publish must be true and lawful, must not infringe anyone's intellectual property or trade secrets, and must not contain state secrets. Listings are published after review; approval does not mean the platform vouches for them. The platform may withdraw content that breaks the law or the market rules.",
      },
      {
        title: "4. Trading and technology contracts",
        body: "Offers, contracts and payment terms are agreed freely between the parties. Technology contracts are registered by the Ganzhou Bureau of Science and Technology under the Measures for the Administration of Technology Contract Registration; the registration authority's decision is final. Deposits and payments made through the platform follow the published rules.",
      },
      {
        title: "5. What is not allowed",
        body: "Publishing false information, bad-faith offers or bid manipulation, scraping or attacking the platform, or using it for anything unlawful. The platform may restrict or close accounts that do so and refer them to the authorities.",
      },
      {
        title: "6. Liability and disputes",
        body: "If the service is interrupted by force majeure, maintenance or third parties, the platform restores it as soon as possible and posts a notice. This agreement is governed by the laws of the People's Republic of China; disputes are settled by negotiation or, failing that, by the people's court where the operator is located.",
      },
      {
        title: "7. Changes",
        body: "When this agreement changes, the new version is published on this page with its date; significant changes are announced in advance. Continuing to use the platform means accepting the revised agreement.",
      },
    ],
  },
  privacy: {
    title: "Privacy policy",
    description:
      "The Ganzhou Technology Market privacy policy: which personal information we collect, why, how we keep and share it, and your rights.",
    lead: "We handle your personal information under the Personal Information Protection Law of the People's Republic of China and collect only what the services need. This policy says what we collect, why, how we keep and share it, and how you exercise your rights.",
    sections: [
      {
        title: "1. What we collect",
        body: "At sign-up: your name, email address, password (kept only as a one-way hash), role and organization. While you use the platform: the results and needs you publish, offers and messages, contracts and payment records, event registrations, and security logs such as sign-in times and browser identification.",
      },
      {
        title: "2. Why",
        body: "To identify you and keep your account secure, to review and publish listings, to match supply and demand and notify you, to register technology contracts and compile statistics, and to meet legal obligations. Contract statistics are published only as totals, never with personal information.",
      },
      {
        title: "3. What is public and what is shared",
        body: "Approved results and needs and organization names and profiles are public. Your contact details are shown only where you choose to publish them or to the other party of a negotiation. Technology contract information goes to the Ganzhou Bureau of Science and Technology for registration and statistics. We do not sell or give your personal information to anyone else unless the law requires it.",
      },
      {
        title: "4. Storage and security",
        body: "Personal information is stored in the People's Republic of China. We protect it with access control, encrypted connections and audit logs. Account information is kept while the account exists; contracts and audit records are kept as archive rules require.",
      },
      {
        title: "5. Your rights",
        body: "On your account page you can see and correct your details and change your language and password; you can withdraw what you published, and you can ask us to close your account or give you a copy of your personal information. We answer within fifteen working days.",
      },
      {
        title: "6. Cookies",
        body: "The platform uses only the cookies needed to keep you signed in and to remember your language; no advertising or cross-site tracking cookies.",
      },
    ],
  },
};
