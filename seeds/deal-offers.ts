// The demo deals' offers (deals.ts): negotiation threads between the demo accounts, carried out at
// seeding time through the same calls as the API.
import type { DemoOffer } from "./deal-shapes.ts";
import { BROKER, COMPANY, RESEARCHER, wan } from "./deal-space.ts";

/** The live offers and their steps; the live contracts (deal-live.ts) refer to them by key. */
export function liveOffers(): DemoOffer[] {
  return [
    {
      key: "offer-gbd-license",
      by: COMPANY,
      resultKey: "result-rare_earth-ndfeb-gbd-1",
      amountFen: wan(220),
      mode: "license",
      message:
        "刘老师您好，我们是赣州金磁永磁，主要做烧结钕铁硼磁钢，年产约3000吨。压缩机和新能源汽车电机客户都在压重稀土用量，贵校这项Tb晶界扩散技术正好对口。我们想以专利实施许可方式引进，在高新区工厂建一条扩散线，报价220万元，含工艺包和人员培训。",
      steps: [
        {
          do: "message",
          by: RESEARCHER,
          counterAmountFen: wan(250),
          body: "陈总您好，感谢关注。这项技术已在两家企业完成批量验证，许可费我们评估在270万元左右。考虑到贵公司就在本地、便于团队现场指导，可以按250万元许可，包含工艺包、设备选型建议和3个月驻厂指导。",
        },
        { do: "accept", by: COMPANY },
      ],
    },
    {
      key: "proposal-magnet-heat",
      by: RESEARCHER,
      needKey: "need-rare_earth-magnet-heat-1",
      amountFen: wan(150),
      mode: "joint_development",
      message:
        "陈总您好，看到贵公司关于磁钢高温退磁的需求。我们团队在晶界扩散和晶界调控方面做了多年，可以针对贵公司的N45SH、N42UH牌号做矫顽力提升开发，目标150℃下磁通不可逆损失小于3%。建议以委托开发方式合作，周期约10个月，费用150万元（含试验材料和检测费约20万元）。",
      steps: [
        {
          do: "message",
          by: COMPANY,
          body: "刘老师，方案我们技术部看过了，比较认可。想确认一下：开发出来的工艺知识产权怎么约定？我们希望在本公司独占使用。",
        },
        {
          do: "message",
          by: RESEARCHER,
          body: "可以约定开发成果由贵公司独占实施，专利申请双方共同署名，学校保留科研使用权，具体写进合同条款。",
        },
        { do: "accept", by: COMPANY },
      ],
    },
    {
      key: "offer-coating-license",
      by: COMPANY,
      resultKey: "result-rare_earth-ndfeb-coating-1",
      amountFen: wan(80),
      mode: "license",
      message:
        "刘老师好，我们电机客户把盐雾试验要求提高到了480小时，想引进贵校的Ni-Cu-Ni复合镀工艺，以技术秘密许可方式，80万元可以吗？",
      steps: [{ do: "accept", by: RESEARCHER }],
    },
    {
      key: "proposal-hre-cost",
      by: RESEARCHER,
      needKey: "need-rare_earth-magnet-hre-cost-1",
      amountFen: wan(180),
      mode: "joint_development",
      message:
        "我们的低重稀土高矫顽力磁体技术（铈部分替代+晶界扩散），可以在保持矫顽力的前提下把镝铽用量降低40%以上。建议双方合作开发，在贵公司中试线上验证，总费用180万元，其中中试设备改造约40万元。",
      steps: [
        {
          do: "message",
          by: COMPANY,
          counterAmountFen: wan(160),
          body: "方向很好，但今年预算有限。160万元可以的话我们马上推进。",
        },
        {
          do: "message",
          by: RESEARCHER,
          counterAmountFen: wan(170),
          body: "中试设备改造费用是实打实的，170万元是底线；另外我们可以派两名研究生驻厂配合试验。",
        },
        { do: "accept", by: COMPANY },
      ],
    },
    {
      key: "offer-recycle-buyout",
      by: COMPANY,
      resultKey: "result-rare_earth-ndfeb-recycle-1",
      amountFen: wan(120),
      mode: "transfer",
      message: "我们磨削油泥和边角料每年约200吨，想买断这项回收技术，出价120万元。",
      steps: [
        {
          do: "message",
          by: RESEARCHER,
          body: "陈总，这项技术已有企业在用，学校只做许可、不做转让；另外120万元与评估价差距较大。我们另有一项更适合贵公司就地处理边角料的技术，会在贵公司的需求下提交方案。",
        },
        { do: "reject", by: RESEARCHER },
      ],
    },
    {
      key: "offer-cerium-open",
      by: COMPANY,
      resultKey: "result-rare_earth-ndfeb-ce-5",
      amountFen: null,
      mode: "license",
      message: "我们有一条低牌号磁钢产线，想试试富铈磁体降本。许可费请报个价？另外需要我们提供哪些试验条件？",
      steps: [
        {
          do: "message",
          by: RESEARCHER,
          counterAmountFen: wan(200),
          body: "许可费200万元，含配方、工艺参数和一次中试指导。试验条件：真空速凝炉、氢破和气流磨即可，贵公司现有产线基本满足。",
        },
        { do: "message", by: COMPANY, body: "收到，我们内部评估一下，下周给您答复。" },
      ],
    },
    {
      key: "proposal-scrap-open",
      by: RESEARCHER,
      needKey: "need-rare_earth-magnet-scrap-1",
      amountFen: wan(140),
      mode: "license",
      message:
        "针对贵公司的边角料和油泥，我们可以提供“切片边角料氧化焙烧-优溶回收”技术，适合就地处理，稀土回收率不低于98%。以技术许可方式，140万元，含工艺包。",
      steps: [
        { do: "message", by: COMPANY, body: "这个方案比买断便宜。我们关心环保审批，焙烧环节会不会有废气问题？" },
        {
          do: "message",
          by: RESEARCHER,
          body: "焙烧烟气量很小，配一套碱液喷淋就能达标，我们可以协助编写环评报告的技术章节。",
        },
      ],
    },
    {
      key: "broker-corrosion-open",
      by: BROKER,
      needKey: "need-rare_earth-magnet-corrosion-1",
      amountFen: wan(60),
      mode: "service",
      message:
        "陈总好，我是稀金谷技术转移中心的钟文华。针对贵公司磁钢盐雾试验不过的问题，我们可以组织江西理工大学和华南理工大学的涂层团队做工艺诊断，并对接电泳+真空镀铝复合防护方案。诊断及技术中介服务费60万元。",
      steps: [
        {
          do: "message",
          by: COMPANY,
          counterAmountFen: wan(45),
          body: "服务内容可以，费用能否调整到45万元？诊断结果满意的话，后续许可我们优先通过贵中心办理。",
        },
      ],
    },
    {
      key: "broker-pvd-open",
      by: BROKER,
      resultKey: "result-tungsten-carbide-pvd-1",
      amountFen: wan(180),
      mode: "license",
      message: "刘老师好，受赣州锐锋精密刀具委托，想就贵校的AlCrN涂层技术洽谈许可。客户报价180万元，希望年内签约。",
      steps: [
        {
          do: "message",
          by: RESEARCHER,
          body: "钟老师好，感谢牵线。请问锐锋现有的涂层设备是什么型号？我们需要评估是否要改造，再给报价。",
        },
      ],
    },
  ];
}
