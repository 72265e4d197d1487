// Messages of the form stack: the zod error map's defaults (app/domain/zod-messages.ts) and the
// controls' own words. No field names here: the message sits under its field, which is labelled.
export const forms = {
  required: "必填",
  requiredMark: "（必填）",
  errorSummary: "请检查标出的字段。",
  errors: {
    required: "请填写此项",
    choose: "请选择一项",
    chooseAtLeastOne: "请至少选择一项",
    invalid: "填写的内容无效",
    notText: "应为文本",
    notNumber: "应为数字",
    notInteger: "应为整数",
    notDate: "不是有效的日期",
    tooShort: "至少 {{min}} 个字符",
    tooLong: "最多 {{max}} 个字符",
    tooSmall: "不能小于 {{min}}",
    tooBig: "不能大于 {{max}}",
    tooFew: "至少选择 {{min}} 项",
    tooMany: "最多 {{max}} 项",
    email: "请填写有效的电子邮箱地址",
    url: "请填写有效的网址",
    format: "格式不正确",
    unknownFields: "不认识的字段：{{keys}}",
  },
};
