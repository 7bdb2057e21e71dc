#!/usr/bin/env bash
# Redraws the PNGs of docs/papers.md from the paper schedules in examples/, with this checkout's
# ./anneal. Run from anywhere: docs/papers/render.sh. Look at each picture before committing it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/docs/papers"
anneal="${ANNEAL:-$root/anneal}"
plot() { # plot EXAMPLE PNG [OPTION…]
  local example="$1" png="$2"
  shift 2
  "$anneal" plot "$root/examples/$example" --out "$out/$png" "$@" 2>/dev/null
}
# Llama 2's cosine ends at update 476,838 (2T tokens) and its last phase never ends: draw to 2.2T.
plot llama2-7b.json llama2-7b-tokens.png --x tokens --steps 524522
# Llama 3 is stated in steps only: draw a tenth past step 1,200,000.
plot llama3-405b.json llama3-405b.png --steps 1320000
# DeepSeek-V3 in tokens, and in updates (the batch ramp over the first 469B tokens makes them differ).
plot deepseek-v3.json deepseek-v3-tokens.png --x tokens
plot deepseek-v3.json deepseek-v3-updates.png
plot minicpm-wsd.json minicpm-wsd-tokens.png --x tokens
plot transformer-inverse-sqrt.json transformer-inverse-sqrt.png
plot resnet50-imagenet-epochs.json resnet50-imagenet-epochs.png --x epochs
