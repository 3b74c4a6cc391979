/** The completion part of `gongwen demo`: a few typical prefixes and what the engine suggests. */
import type { CliIO } from '../io';

export const DEMO_PREFIXES = ['在学懂弄', '切实增强', '推动学习往深里走、', '一是坚决做到“两个维护”。', '同志们，让我们更加紧密地团结在'];

export function printCompletions(io: CliIO): void {
  io.out('（补全引擎尚未接入）');
  void DEMO_PREFIXES;
}
