#!/usr/bin/env bash
# Installs LibreOffice without a GUI (Debian's libreoffice-writer-nogui, about two minutes), which the
# tests with real .docx files use to make and read back Word files. Idempotent: does nothing when
# soffice is on the PATH. Never fails the caller: without LibreOffice those tests are skipped
# with a message.
set -uo pipefail

log() { printf '[docx-setup] %s\n' "$*"; }

if command -v soffice >/dev/null 2>&1; then
  log "LibreOffice is installed ($(command -v soffice))"
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
log "installing libreoffice-writer-nogui (takes about two minutes)"
if { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libreoffice-writer-nogui; } >/dev/null 2>&1 \
  && command -v soffice >/dev/null 2>&1; then
  log "done ($(command -v soffice))"
else
  log "LibreOffice could not be installed: the tests with real .docx files will be skipped"
fi
exit 0
