#!/usr/bin/env bash
# Debian packages the tests use: Chromium (browser tests), poppler (PDF checks), Noto CJK (serif body font),
# LXGW WenKai (楷体-style sub-headings of the PDF), LibreOffice Writer (opens the Word files the tests make),
# PostgreSQL (server-mode database tests). Idempotent; skips what is already installed.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdftotext >/dev/null || need+=(poppler-utils)
fc-list 2>/dev/null | grep -q "Noto Serif CJK" || need+=(fonts-noto-cjk)
[ -f /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf ] || need+=(fonts-lxgw-wenkai)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
[ -x /usr/lib/postgresql/15/bin/postgres ] || ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "setup-system: please install: ${need[*]}" >&2; exit 1; fi
  echo "setup-system: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
