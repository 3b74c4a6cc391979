/**
 * Recall on the public documents in ../shared/external: each row says that, checked as of
 * 2026-12-01, this line of this document must be flagged by this rule, on this text. The lines are
 * places where the document presents the wording as current (a task, a goal, a study object), so
 * a draft written today that copied them would be outdated. The texts themselves are never copied
 * into the repository; only file names, line numbers and the flagged phrase are listed here.
 */
export interface RecallRow {
  /** File name in ../shared/external. */
  file: string;
  /** 1-based line number. */
  line: number;
  ruleId: string;
  /** The flagged phrase as it stands in the document. */
  text: string;
}

export const RECALL_DATE = '2026-12-01';

export const RECALL: RecallRow[] = [
  // 以胡锦涛同志为总书记的党中央 as the present leadership
  { file: '2010-03-05_gwr2010.txt', line: 236, ruleId: 'hu-general-secretary-centre', text: '以胡锦涛同志为总书记的党中央' },
  // 全面建设小康社会 as the goal
  { file: '2007-10-15_cpc17-report.txt', line: 5, ruleId: 'xiaokang-building-goal', text: '全面建设小康社会' },
  { file: '2007-10-15_cpc17-report.txt', line: 63, ruleId: 'xiaokang-building-goal', text: '全面建设小康社会' },
  { file: '2007-10-15_cpc17-report.txt', line: 138, ruleId: 'xiaokang-building-goal', text: '全面建设小康社会' },
  { file: '2011-03-05_gwr2011.txt', line: 61, ruleId: 'xiaokang-building-goal', text: '全面建设小康社会' },
  // 十一五 / 十二五 as the current plan period
  { file: '2010-03-05_gwr2010.txt', line: 59, ruleId: 'eleventh-five-year', text: '十一五' },
  { file: '2010-03-05_gwr2010.txt', line: 59, ruleId: 'twelfth-five-year', text: '十二五' },
  { file: '2012-03-05_gwr2012.txt', line: 57, ruleId: 'twelfth-five-year', text: '十二五' },
  // (2013-03-05_gwr2013.txt:33 “2013年是……实施‘十二五’规划承前启后的关键一年” is not a row: the year it
  // names dates the sentence, so a draft of today that says so states history, and the era decision
  // reads it as past.)
  { file: '2015-03-05_gwr2015.txt', line: 66, ruleId: 'twelfth-five-year', text: '十二五' },
  // 精准扶贫、精准脱贫 as the current basic strategy
  { file: '2015-03-05_gwr2015.txt', line: 69, ruleId: 'precise-poverty-strategy', text: '精准扶贫、精准脱贫' },
  { file: '2017-03-05_gwr2017.txt', line: 50, ruleId: 'precise-poverty-strategy', text: '精准扶贫精准脱贫' },
  { file: '2017-10-18_cpc19-report.txt', line: 119, ruleId: 'precise-poverty-strategy', text: '精准扶贫、精准脱贫' },
  // 三去一降一补 as a current task
  { file: '2017-03-05_gwr2017.txt', line: 44, ruleId: 'three-cuts-one-reduction', text: '三去一降一补' },
  { file: '2018-03-05_gwr2018.txt', line: 47, ruleId: 'three-cuts-one-reduction', text: '三去一降一补' },
  { file: '2021-03-05_gwr2021.txt', line: 55, ruleId: 'three-cuts-one-reduction', text: '三去一降一补' },
  // 党的十八大（和十八届X中全会）精神 as the current study object
  { file: '2013-03-05_gwr2013.txt', line: 34, ruleId: 'eighteenth-congress-spirit', text: '十八大精神' },
  { file: '2013-06-18_xi-qunzhongluxian-dongyuan.txt', line: 29, ruleId: 'eighteenth-congress-spirit', text: '十八大精神' },
  { file: '2014-03-05_gwr2014.txt', line: 38, ruleId: 'eighteenth-congress-spirit', text: '十八届二中、三中全会精神' },
  { file: '2015-03-05_gwr2015.txt', line: 35, ruleId: 'eighteenth-congress-spirit', text: '十八届三中、四中全会精神' },
  { file: '2016-03-05_gwr2016.txt', line: 42, ruleId: 'eighteenth-congress-spirit', text: '十八届三中、四中、五中全会精神' },
  { file: '2017-03-05_gwr2017.txt', line: 34, ruleId: 'eighteenth-congress-spirit', text: '十八届三中、四中、五中、六中全会精神' },
  // 十九届二中、三中全会精神 and the like, enumerated, as the current study object
  { file: '2019-03-05_gwr2019.txt', line: 28, ruleId: 'nineteenth-plenum-spirit', text: '十九届二中、三中全会精神' },
  { file: '2021-03-05_gwr2021.txt', line: 37, ruleId: 'nineteenth-plenum-spirit', text: '十九届二中、三中、四中、五中全会精神' },
  { file: '2022-03-05_gwr2022.txt', line: 30, ruleId: 'nineteenth-plenum-spirit', text: '十九届历次全会精神' },
  { file: '2022-03-05_gwr2022.txt', line: 87, ruleId: 'nineteenth-plenum-spirit', text: '十九届历次全会精神' },
  // 习近平同志（总书记）系列重要讲话精神 as the guiding thought
  { file: '2014-03-05_gwr2014.txt', line: 38, ruleId: 'series-speeches-spirit', text: '习近平同志系列重要讲话精神' },
  { file: '2015-03-05_gwr2015.txt', line: 35, ruleId: 'series-speeches-spirit', text: '习近平总书记系列重要讲话精神' },
  { file: '2016-03-05_gwr2016.txt', line: 42, ruleId: 'series-speeches-spirit', text: '习近平总书记系列重要讲话精神' },
  // 全面两孩 as the current policy
  { file: '2017-03-05_gwr2017.txt', line: 87, ruleId: 'two-child-policy', text: '全面两孩' },
  // ---- Families whose rules were there before (rows of the era decision; era helper) ----
  // 十三五 as the current plan period
  { file: '2016-03-05_gwr2016.txt', line: 65, ruleId: 'thirteenth-five-year', text: '十三五' },
  { file: '2018-03-05_gwr2018.txt', line: 37, ruleId: 'thirteenth-five-year', text: '十三五' },
  { file: '2019-03-05_gwr2019.txt', line: 65, ruleId: 'thirteenth-five-year', text: '十三五' },
  // 十四五 as the current plan period (outdated from 2026)
  { file: '2024-03-05_gwr2024.txt', line: 28, ruleId: 'fourteenth-five-year', text: '十四五' },
  { file: '2025-03-05_gwr2025.txt', line: 20, ruleId: 'fourteenth-five-year', text: '十四五' },
  // 脱贫攻坚战 as a task
  { file: '2016-03-05_gwr2016.txt', line: 37, ruleId: 'poverty-battle', text: '脱贫攻坚战' },
  { file: '2016-07-01_xi-jiandang95.txt', line: 63, ruleId: 'poverty-battle', text: '脱贫攻坚战' },
  { file: '2017-10-18_cpc19-report.txt', line: 119, ruleId: 'poverty-battle', text: '脱贫攻坚战' },
  { file: '2019-03-05_gwr2019.txt', line: 65, ruleId: 'poverty-battle', text: '脱贫攻坚战' },
  // 三大攻坚战, 决胜全面建成小康社会, 全面建成小康社会 as the current task or goal
  { file: '2018-03-05_gwr2018.txt', line: 66, ruleId: 'three-tough-battles', text: '三大攻坚战' },
  { file: '2019-03-05_gwr2019.txt', line: 36, ruleId: 'three-tough-battles', text: '三大攻坚战' },
  { file: '2017-10-18_cpc19-report.txt', line: 11, ruleId: 'decisive-xiaokang', text: '决胜全面建成小康社会' },
  { file: '2019-03-05_gwr2019.txt', line: 113, ruleId: 'decisive-xiaokang', text: '决胜全面建成小康社会' },
  { file: '2016-03-05_gwr2016.txt', line: 96, ruleId: 'xiaokang-as-goal', text: '全面建成小康社会' },
  { file: '2017-10-18_cpc19-report.txt', line: 33, ruleId: 'xiaokang-as-goal', text: '全面建成小康社会' },
  // the old principal contradiction as today's
  { file: '2016-07-01_xi-jiandang95.txt', line: 52, ruleId: 'old-principal-contradiction', text: '日益增长的物质文化需要同落后的社会生产之间的矛盾' },
  // 十九大精神 as the current study object; 迎接党的二十大
  { file: '2018-03-05_gwr2018.txt', line: 37, ruleId: 'nineteenth-congress-spirit', text: '十九大精神' },
  { file: '2022-03-05_gwr2022.txt', line: 30, ruleId: 'welcome-twentieth-congress', text: '迎接党的二十大' },
  // campaigns that have ended, as current work
  { file: '2019-03-05_gwr2019.txt', line: 99, ruleId: 'bwcx-theme-education', text: '“不忘初心、牢记使命”主题教育' },
  { file: '2021-03-05_gwr2021.txt', line: 79, ruleId: 'party-history-learning-campaign', text: '党史学习教育' },
  { file: '2019-03-05_gwr2019.txt', line: 95, ruleId: 'anti-gang-special-campaign', text: '扫黑除恶专项斗争' },
  // 新冠肺炎 (renamed 2022-12-26) and the epidemic-era tasks
  { file: '2021-03-05_gwr2021.txt', line: 16, ruleId: 'covid-name-short', text: '新冠肺炎' },
  { file: '2022-10-16_cpc20-report.txt', line: 31, ruleId: 'covid-epidemic-short', text: '新冠肺炎疫情' },
  { file: '2022-03-05_gwr2022.txt', line: 36, ruleId: 'covid-normalized-prevention', text: '常态化疫情防控' },
  { file: '2022-03-05_gwr2022.txt', line: 30, ruleId: 'covid-balance-task', text: '统筹疫情防控和经济社会发展' },
];
