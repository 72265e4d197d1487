import type { search as zh } from "../zh-CN/search.ts";

export const search: typeof zh = {
  page: {
    title: "Search",
    intro:
      "Search research results and technical needs at once: single characters, words, English abbreviations and several keywords.",
    label: "Keywords",
    placeholder: "e.g. NdFeB, rare earth, HLB, BMS",
    submit: "Search",
    kindAll: "All",
    results: "Research results",
    needs: "Technical needs",
    countFor: "“{{q}}”: {{count}}",
    seeAll: "See all {{count}} {{what}}",
    none: "Nothing found.",
    noneHint:
      "Try other words or fewer keywords; synonyms (e.g. magnet steel and NdFeB) are matched automatically; Chinese words find the most.",
    empty: "Type keywords to search.",
    tooLong: "The query was too long and was cut to {{max}} characters.",
    tips: "Tip: separate keywords with spaces; company wording (e.g. “the magnets got weaker”) also finds academic results (e.g. “coercivity”).",
  },
  suggest: {
    label: "Search",
    placeholder: "Search results, needs or technical terms",
    listLabel: "Suggestions",
    term: "Term",
    result: "Result",
    need: "Need",
    submit: "Search",
    instructions: "Use the up and down arrow keys to choose a suggestion, Enter to confirm, Escape to close.",
    count: "{{count}} suggestions",
  },
  matches: {
    forNeed: "Results that could solve this need",
    forResult: "Needs this result could answer",
    none: "No matches yet.",
    score: "Match {{pct}}%",
    scoreLabel: "Match score",
    reasons: "Why it matches",
    from: "{{org}}",
    explain:
      "Matching uses the full text of both listings, the domain thesaurus and the technical field; a higher score means more relevant.",
  },
  reasonPrefixes: {
    sharedKeywords: "Shared keywords: ",
    concept: "Concept: ",
    relatedConcept: "Related concepts: ",
    broader: "Broader concept: ",
    narrower: "Narrower concept: ",
    sameField: "Same field: ",
  },
};
