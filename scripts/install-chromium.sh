#!/usr/bin/env bash
# Installs Debian's Chromium and CJK fonts for the browser tests, and LibreOffice (Calc, Writer) with
# poppler-utils for the tests that print workbooks to PDF, where the machine allows it.
set -eu
command -v apt-get >/dev/null || { echo "no apt-get"; exit 1; }
[ "$(id -u)" = 0 ] || { echo "not root: cannot apt-get install"; exit 1; }
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
apt-get install -y -qq libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils >/dev/null \
  || echo "LibreOffice unavailable: the print tests will be skipped."
