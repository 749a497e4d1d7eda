#!/usr/bin/env bash
# Installs Debian's Chromium and CJK fonts for the browser tests, and LibreOffice (Calc, Writer) with
# poppler-utils for the tests that print workbooks and summary drafts to PDF, where the machine allows it.
set -eu
command -v apt-get >/dev/null || { echo "no apt-get"; exit 1; }
[ "$(id -u)" = 0 ] || { echo "not root: cannot apt-get install"; exit 1; }
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
apt-get install -y -qq libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils >/dev/null \
  || echo "LibreOffice unavailable: the print tests will be skipped."
# serif (明体) and 楷体 faces to stand in for 仿宋_GB2312, 方正小标宋简体 and 楷体_GB2312 when the
# summary drafts are rendered (tests/exports/fonts.conf names them)
apt-get install -y -qq fonts-arphic-uming fonts-arphic-ukai >/dev/null \
  || echo "AR PL fonts unavailable: the drafts render in Noto Sans CJK."
