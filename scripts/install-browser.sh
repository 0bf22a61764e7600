#!/usr/bin/env bash
# Installs what the tests need from Debian: Chromium for the task-pane UI test (never a
# downloaded browser build), a CJK font so Chinese text renders in screenshots, LibreOffice Calc
# (headless, libreoffice-calc-nogui) as the second reader and printer of the written workbooks,
# and poppler-utils (pdftotext, pdftoppm) to read its PDFs. The LibreOffice tests never skip: a
# missing tool fails them with a message. Idempotent and quiet when present.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || need+=(fonts-wqy-microhei)
{ [ -x /usr/bin/soffice ] || [ -x /usr/lib/libreoffice/program/soffice ]; } || need+=(libreoffice-calc-nogui)
{ command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; } || need+=(poppler-utils)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-browser: need root to apt-get install ${need[*]}" >&2; exit 1
  fi
fi
echo "install-browser: apt-get install ${need[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
