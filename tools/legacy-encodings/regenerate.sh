#!/usr/bin/env bash
# Regenerates crates/text/data/{tcvn3-bytes,vietnamese-letters}.tsv from the upstream tables.
#
# Sources (see gen.py): Unikey's ukengine/data.cpp from Debian's source package ibus-unikey
# (fetched here with apt-get and a temporary deb-src list, checked by SHA-256), and glibc's
# TCVN5712-1 charmap from Debian package `locales` (installed if missing).
# Usage: tools/legacy-encodings/regenerate.sh   (as root on Debian bookworm; changes nothing else)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -e /usr/share/i18n/charmaps/TCVN5712-1.gz ]; then
    apt-get install -y locales >/dev/null
fi

mkdir -p "$work/lists/partial" "$work/src"
echo 'deb-src http://deb.debian.org/debian bookworm main' >"$work/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$work/lists")
apt-get "${apt_opts[@]}" update >/dev/null
(cd "$work/src" && apt-get "${apt_opts[@]}" source --download-only ibus-unikey >/dev/null 2>&1 || true)
tarball="$work/src/ibus-unikey_0.7.0~beta1.orig.tar.gz"
echo "962cb0b1e76b46ae6e6b4b694da005d13344bcfae1a65b33b5908223c04620a7  $tarball" | sha256sum -c -
tar -xzf "$tarball" -C "$work/src"
python3 "$root/tools/legacy-encodings/gen.py" "$work/src/ibus-unikey-0.7.0~beta1/ukengine/data.cpp"
git -C "$root" diff --stat -- crates/text/data
