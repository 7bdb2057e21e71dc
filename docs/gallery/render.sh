#!/usr/bin/env bash
# Redraws the PNGs of docs/gallery.md from the examples, with this checkout's ./anneal.
# Run from anywhere: docs/gallery/render.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/docs/gallery"
anneal="${ANNEAL:-$root/anneal}"
for example in ds_config.json gpt-warmup-cosine.json megatron-gpt.sh wsd.json one-cycle.json train-digits.json plateau.json; do
  "$anneal" plot "$root/examples/$example" --out "$out/${example%.*}.png" 2>/dev/null
done
# A short run: 40 steps get a tick every 10.
"$anneal" plot "$root/examples/wsd.json" --steps 40 --out "$out/wsd-first-40-steps.png" 2>/dev/null
