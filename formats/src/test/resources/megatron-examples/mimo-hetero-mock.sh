#!/bin/bash
# Reduced from examples/mimo/scripts/run_hetero_nemotron_20l_mock_train.sh (Megatron-LM d98e8a6): see README.md.

set -euo pipefail

TRAIN_ITERS=${TRAIN_ITERS:-20}
NUM_MICROBATCHES=${NUM_MICROBATCHES:-4}
EVAL_INTERVAL=${EVAL_INTERVAL:-1}
MICRO_BATCH_SIZE=1
LLM_DP=1
GLOBAL_BATCH_SIZE=$((MICRO_BATCH_SIZE * NUM_MICROBATCHES * LLM_DP * 2))

torchrun --standalone --nproc-per-node 8 examples/mimo/train.py \
  --micro-batch-size "${MICRO_BATCH_SIZE}" \
  --global-batch-size "${GLOBAL_BATCH_SIZE}" \
  --lr 2e-4 \
  --min-lr 2e-6 \
  --lr-decay-style cosine \
  --lr-warmup-iters 0 \
  --lr-decay-iters 10 \
  --weight-decay 0.05 \
  --override-opt-param-scheduler \
  --clip-grad 1.0 \
  --train-iters "${TRAIN_ITERS}" \
  --eval-interval "${EVAL_INTERVAL}" \
  --log-interval 1 \
  "$@"
