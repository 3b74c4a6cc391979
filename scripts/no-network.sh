#!/usr/bin/env bash
# Privacy check for CI: runs the CLI's commands on the seed corpus under strace and fails if any of
# them creates an internet socket or connects anywhere. Also runs them in a network namespace with
# no network when `unshare -n` is permitted. Prints one line per command.
set -uo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
cmds=(
  "check data/corpus"
  "outline data/corpus/004_85827a7d0dd7b7d7.txt"
  "explain 两个维护"
  "complete 在学懂弄"
  "mine --out $tmp/p.json data/corpus"
  "report -o $tmp/r.html data/corpus"
  "annotate -o $tmp/a.docx node_modules/mammoth/test/test-data/tables.docx"
)
fail=0
for c in "${cmds[@]}"; do
  # shellcheck disable=SC2086
  if command -v strace >/dev/null; then
    strace -f -qq -e trace=socket,connect -o "$tmp/trace" node bin/gongwen.js $c >/dev/null 2>&1
    rc=$?
    # internet sockets and connections only (local IPC over AF_UNIX, e.g. tsx's pipe, is no network)
    inet=$(grep -cE 'AF_INET6?[,}]|sa_family=AF_INET6?' "$tmp/trace" || true)
  else
    node bin/gongwen.js $c >/dev/null 2>&1; rc=$?; inet="(no strace)"
  fi
  if (( rc > 1 )) || [[ $inet != 0 && $inet != "(no strace)" ]]; then
    echo "no-network: FAIL gongwen $c (exit $rc, network calls: $inet)"; fail=1
  else
    echo "no-network: ok   gongwen $c (exit $rc, network calls: $inet)"
  fi
  if unshare -n true 2>/dev/null; then
    # annotate -o never writes over an existing file: let the second run write its copy afresh
    rm -f "$tmp/a.docx"
    # shellcheck disable=SC2086
    unshare -n node bin/gongwen.js $c >/dev/null 2>&1; rc=$?
    (( rc > 1 )) && { echo "no-network: FAIL gongwen $c without a network (exit $rc)"; fail=1; }
  fi
done
rm -rf "$tmp"
exit $fail
