import type { common as zh } from "../zh-CN/common.ts";

export const common: typeof zh = {
  siteName: "Ganzhou Technology Market",
  siteTagline: "Online and offline technology transfer services",
  skipToContent: "Skip to main content",
  nav: {
    home: "Home",
    results: "Research results",
    needs: "Technical needs",
    organizations: "Organizations",
    stats: "Market statistics",
    dashboard: "Dashboard",
    offers: "Offers",
    contracts: "Contracts",
    bureau: "Registration & statistics",
    review: "Review",
    login: "Log in",
    signup: "Sign up",
    logout: "Log out",
    account: "Account",
    language: "中文",
    languageLabel: "Switch language",
  },
  footer: {
    operator: "Guided by the Ganzhou Bureau of Science and Technology",
    about: "Online and offline, connecting research results with the companies that need them.",
  },
  pagination: { previous: "Previous", next: "Next", page: "Page {{page}} of {{pages}}", total: "{{total}} in total" },
  actions: { save: "Save", submit: "Submit", cancel: "Cancel", search: "Search", filter: "Filter", reset: "Reset", back: "Back" },
  negotiable: "Negotiable",
  errors: {
    notFound: "Page not found",
    notFoundBody: "The page you asked for does not exist or was removed.",
    forbidden: "Forbidden",
    generic: "Something went wrong",
    genericBody: "Please try again later. If it keeps happening, contact the administrator.",
  },
};
