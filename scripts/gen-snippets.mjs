// Generates snippets/plaintext.json and snippets/markdown.json (run: node scripts/gen-snippets.mjs).
import { writeFileSync } from 'node:fs';
const speech = [
  '${1:在全市机关党建工作会议上的讲话}',
  '（${2:二〇二六年十一月二十三日}）',
  '${3:某某某}',
  '',
  '同志们：',
  '　　${4:今天召开这次会议，主要任务是……}下面，我讲${5:三}点意见。',
  '　　一、${6:提高政治站位，深刻认识……的重要意义}',
  '　　（一）${7:……}',
  '　　${8:……}',
  '　　（二）${9:……}',
  '　　二、${10:突出工作重点，推动……落地见效}',
  '　　（一）${11:……}',
  '　　（二）${12:……}',
  '　　三、${13:加强组织领导，确保……取得实效}',
  '　　（一）${14:……}',
  '　　（二）${15:……}',
  '　　同志们，让我们${16:更加紧密地团结在以习近平同志为核心的党中央周围，……}，为${17:……}作出新的更大贡献！',
  '$0',
];
const report = [
  '${1:关于……情况的报告}',
  '',
  '${2:市委}：',
  '　　${3:根据……要求，现将……情况报告如下。}',
  '　　一、${4:基本情况}',
  '　　${5:……}',
  '　　二、${6:主要做法和成效}',
  '　　（一）${7:……}',
  '　　（二）${8:……}',
  '　　三、${9:存在的问题}',
  '　　四、${10:下一步工作打算}',
  '　　特此报告。',
  '',
  '${11:中共某某市委办公室}',
  '${12:二〇二六年十一月二十三日}',
  '$0',
];
const yishi = ['一是${1:……}；二是${2:……}；三是${3:……}。$0'];
const yiyao = ['一要${1:……}。二要${2:……}。三要${3:……}。$0'];
const yishiLines = ['　　一是${1:……}。', '　　二是${2:……}。', '　　三是${3:……}。', '$0'];
const base = {
  讲话稿: { prefix: ['讲话稿', 'jianghua', 'speech'], body: speech, description: '讲话稿骨架：标题、日期、署名、同志们：、下面我讲X点意见、一、（一）层次、结束语' },
  报告: { prefix: ['报告', 'baogao', 'report'], body: report, description: '报告骨架：标题、主送机关、正文（一、（一））、特此报告、落款、成文日期' },
  一是二是三是: { prefix: ['一是', 'yishi'], body: yishi, description: '一是……；二是……；三是……（段内并列）' },
  一是二是三是分行: { prefix: ['一是分行', 'yishifenhang'], body: yishiLines, description: '一是……。二是……。三是……。（分行并列）' },
  一要二要三要: { prefix: ['一要', 'yiyao'], body: yiyao, description: '一要……。二要……。三要……。（提要求）' },
};
writeFileSync(new URL('../snippets/plaintext.json', import.meta.url), JSON.stringify(base, null, 2) + '\n');
// Markdown: a blank line between paragraphs (else Markdown joins them), no 　　 indentation;
// only the title is a # heading (the outline numbering stays in the text, where the checker reads it).
const toMd = (lines) => lines.flatMap((l, i) => (i === 0 ? ['# ' + l, ''] : l === '' || l === '$0' ? [l] : [l.replace(/^　　/, ''), ''])).filter((l, i, a) => !(l === '' && a[i - 1] === ''));
const md = JSON.parse(JSON.stringify(base));
md['讲话稿'].body = toMd(speech);
md['报告'].body = toMd(report);
md['一是二是三是分行'].body = yishiLines.flatMap((l) => (l === '$0' ? [l] : [l.replace(/^　　/, ''), '']));
writeFileSync(new URL('../snippets/markdown.json', import.meta.url), JSON.stringify(md, null, 2) + '\n');
