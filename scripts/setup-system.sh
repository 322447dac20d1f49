#!/usr/bin/env bash
# Install the Debian packages Cluster Academy needs, once: fonts and libraries for WeasyPrint
# PDFs in every script, Chromium for the browser tests, gettext for the translations, Node and
# npm for the H5P player.
# Idempotent: does nothing when everything is already installed.
set -euo pipefail

PACKAGES=(
    gettext                 # msgfmt: compile the translations
    libpango-1.0-0          # WeasyPrint
    libpangoft2-1.0-0       # WeasyPrint
    libharfbuzz-subset0     # WeasyPrint font subsetting
    fonts-noto-core         # Sinhala, Tamil, Bengali, Khmer, Lao, Myanmar, Thai in PDFs
    poppler-utils           # pdftoppm, pdffonts: looking at PDFs in tests
    chromium                # real-browser tests (Playwright drives Debian's build)
)

missing=()
for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
# npm installs the H5P player (h5p-standalone) into node_modules/. A Node.js that already
# brings npm (e.g. from NodeSource) is fine; otherwise take Debian's.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "These Debian packages are missing and there is no apt-get: ${missing[*]}" >&2
    echo "Install their equivalents with your system's package manager." >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "Run as root or install sudo to add: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
