#!/usr/bin/env bash
# Installs what the browser and hosting tests need and the machine may lack (needs root, as
# in CI): Debian's Chromium, the CJK fonts (without them Chromium renders Chinese pages as
# boxes, even where Chromium itself was already installed) and nginx. Each is installed
# only when it is missing, so a prepared machine changes nothing.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# fc-list is part of fontconfig, which Chromium pulls in; no fontconfig means no fonts yet.
if ! command -v fc-list >/dev/null || ! fc-list ':lang=zh-cn' family | grep -q .; then
  missing+=(fonts-noto-cjk)
fi
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "install-browser: missing ${missing[*]}; run as root or: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "install-browser: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
