import type { forms as zh } from "../zh-CN/forms.ts";

export const forms: typeof zh = {
  required: "Required",
  requiredMark: " (required)",
  errorSummary: "Please check the marked fields.",
  errors: {
    required: "Please fill this in",
    choose: "Please choose one",
    chooseAtLeastOne: "Please choose at least one",
    invalid: "This is not valid",
    notText: "Must be text",
    notNumber: "Must be a number",
    notInteger: "Must be a whole number",
    notDate: "Not a valid date",
    tooShort: "At least {{min}} characters",
    tooLong: "At most {{max}} characters",
    tooSmall: "Must not be less than {{min}}",
    tooBig: "Must not be more than {{max}}",
    tooFew: "Choose at least {{min}}",
    tooMany: "At most {{max}}",
    email: "Please enter a valid email address",
    url: "Please enter a valid web address",
    format: "The format is not right",
    unknownFields: "Unknown field(s): {{keys}}",
  },
};
