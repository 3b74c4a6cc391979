/**
 * Words that contain an era cue without being one: 要 in 重要, 将 in 将士, 已 in 而已, 持续 in
 * 可持续. A cue found inside one of these words is not a cue (see `isCueWordAt`). The list is
 * small on purpose: only words that are common in official prose, and only for the cues that
 * are single characters or that other words contain. Rule data may add cues; a cue the lexicon
 * does not know is matched as it stands.
 */
export const ERA_LEXICON: readonly string[] = [
  // 要
  '重要', '主要', '需要', '要求', '纪要', '只要', '必要', '首要', '摘要', '要素', '要点', '要害', '要闻', '要务',
  '要义', '要领', '要件', '要旨', '提要', '概要', '简要', '扼要', '紧要', '切要', '险要', '要地', '要职', '政要',
  '机要', '显要', '要员', '要塞', '要冲', '要道', '要案', '要津', '要是', '要么', '要不', '要紧', '精要', '总要求',
  // 将
  '将士', '将军', '将领', '将帅', '将官', '大将', '上将', '中将', '少将', '武将', '名将', '猛将', '干将', '主将',
  '老将', '良将', '悍将', '骁将', '战将', '麻将', '将近', '将相', '将就', '将心比心', '将计就计', '将功补过',
  // 已
  '而已', '不已', '不得已', '迫不得已',
  // 曾
  '曾孙', '曾祖', '曾祖父', '曾祖母',
  // 后 (a past cue in rule data: 全面建成小康社会后)
  '今后', '以后', '此后', '最后', '然后', '后来', '后续', '落后', '前后', '背后', '后盾', '后劲', '后代', '后人',
  '随后', '先后', '后期', '善后', '滞后', '后方', '后勤', '后备', '后果', '后面', '后者', '日后', '往后', '幕后',
  '后进', '后发', '后顾', '其后', '而后', '事后', '战后', '后台', '后辈', '后世', '后天', '后年', '稍后', '向后',
  // 末
  '周末', '末端', '末尾', '末位', '末梢', '始末', '本末', '末日', '末路', '末流', '粉末', '末节', '末班', '年末',
  '月末', '岁末', '末代',
  // 时 (a past cue in rule data: 建党100周年时)
  '时代', '时期', '同时', '及时', '时间', '时候', '时刻', '时机', '适时', '实时', '时效', '时势', '时局', '随时',
  '临时', '按时', '准时', '届时', '平时', '有时', '时常', '时时', '时节', '小时', '历时', '暂时', '时政', '时空',
  '时光', '时下', '即时', '定时', '限时', '一时', '不时', '时而', '过时', '时任', '当时', '那时', '此时', '彼时',
  // 从 (a past cue in rule data: 从……转化为)
  '从严', '从事', '从来', '从而', '从中', '从不', '从未', '服从', '遵从', '听从', '从业', '从容', '从众', '从属',
  '盲从', '随从', '自从', '无从', '从政', '从头', '从重', '从快', '从优', '从宽', '从简',
  // 了 (the perfective particle after a verb is a past cue; these words are not it)
  '了解', '为了', '除了', '了不起', '不得了', '受不了', '少不了', '免不了', '大不了', '了结', '了如指掌', '一目了然',
  '明了', '了却', '罢了', '算了', '了无', '了然', '了得', '不了了之', '终了', '未了', '了断', '没完没了',
  // 持续, 继续, 推进, 全力, 完成, 实现 inside longer words
  '可持续', '竭尽全力', '齐心协力',
  // 过去, 当年, 当前
  '过不去', '说得过去', '过得去', '当年度',
];

/** Per lexicon: for each UTF-16 unit, the indexes of the words that hold it, ascending. */
const BY_UNIT = new WeakMap<readonly string[], Map<number, number[]>>();

function byUnit(lexicon: readonly string[]): Map<number, number[]> {
  let m = BY_UNIT.get(lexicon);
  if (m) return m;
  m = new Map();
  for (let i = 0; i < lexicon.length; i++) {
    const w = lexicon[i];
    for (let k = 0; k < w.length; k++) {
      const c = w.charCodeAt(k);
      let list = m.get(c);
      if (!list) m.set(c, (list = []));
      if (list[list.length - 1] !== i) list.push(i);
    }
  }
  BY_UNIT.set(lexicon, m);
  return m;
}

/**
 * For a cue: the lexicon words that contain it, with where the cue stands in each, in lexicon
 * order. Only the words holding the cue's first unit are searched (a check's first era reading
 * asks this for every cue word: about a hundred cues against the whole lexicon otherwise).
 */
export function blockersOf(cue: string, lexicon: readonly string[] = ERA_LEXICON): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const holding = byUnit(lexicon).get(cue.charCodeAt(0));
  if (!holding) return out;
  for (let i = 0; i < holding.length; i++) {
    const w = lexicon[holding[i]];
    if (w === cue || w.length <= cue.length) continue;
    for (let o = w.indexOf(cue); o >= 0; o = w.indexOf(cue, o + 1)) out.push([w, o]);
  }
  return out;
}
