#!/usr/bin/env bash
# Redraws the PNGs of docs/units.md with this checkout's ./anneal. Run from anywhere:
# docs/units/render.sh. Look at each picture before committing it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/docs/units"
anneal="${ANNEAL:-$root/anneal}"
# StepLR(step_size=30) on the digits (45 updates per epoch, 60 epochs), stepped after each epoch …
"$anneal" plot "$root/examples/pytorch-epoch-steplr.json" --x epochs --out "$out/steplr-per-epoch.png" 2>/dev/null
# … and the same scheduler stepped after every update (no "interval": "epoch"): it decays every 30 updates.
"$anneal" plot --format pytorch --x epochs --out "$out/steplr-per-update.png" --config-text '{
  "optimizer": {"type": "SGD", "lr": 0.1, "momentum": 0.9, "weight_decay": 0.0001},
  "scheduler": {"type": "StepLR", "kwargs": {"step_size": 30, "gamma": 0.1}},
  "dataset_size": 1438, "batch_size": 32, "epochs": 60}' 2>/dev/null
# GPT-3 175B's first 20,000 updates on its token clock: the warm-up is linear in tokens across the batch ramp.
"$anneal" plot "$root/examples/gpt3-175b-tokens.json" --x tokens --steps 20000 --out "$out/gpt3-clock-tokens.png" 2>/dev/null
