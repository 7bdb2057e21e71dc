#!/bin/bash
# GPT-3 175B as Megatron-LM writes it: examples/gpt3/train_gpt3_175b_distributed.sh at
# NVIDIA/Megatron-LM@d98e8a64ddf34856e74b24714e3bedb2f5a39553, reduced to the flags that shape the
# schedule. Two changes, as the golden cases (golden-geometry/megatron/example-gpt3-175b-*) make:
#   - no --global-batch-size 1536: beside --step-batch-size-schedule Megatron's validate_args raises
#     ValueError('Cannot specify both --step-batch-size-schedule and --global-batch-size');
#   - 16 nodes (128 GPUs) instead of 1: tensor 8 × pipeline 16 parallelism needs 128 GPUs, so the
#     data-parallel size is 1.
# With --train-iters Megatron scales --lr-decay-iters and the warm-up fraction by micro-batch ×
# data-parallel size (1 here) while the schedule's batches advance the scheduler: `anneal curve`
# warns that the decay ends far too early. examples/gpt3-175b-tokens.json states the paper's
# schedule in tokens on the same batch schedule.

GPUS_PER_NODE=8
NUM_NODES=16

DISTRIBUTED_ARGS=(
    --nproc_per_node $GPUS_PER_NODE
    --nnodes $NUM_NODES
)

GPT_MODEL_ARGS=(
    --seq-length 2048
)

TRAINING_ARGS=(
    --micro-batch-size 1
    --step-batch-size-schedule "0:16 2.4B:320 4.8B:624 7.2B:928 9.6B:1232 12B:1536"
    --train-iters 500000
    --weight-decay 0.1
    --lr 6.0e-5
    --lr-decay-style cosine
    --min-lr 6.0e-6
    --lr-warmup-fraction .001
    --lr-decay-iters 430000
)

MODEL_PARALLEL_ARGS=(
    --tensor-model-parallel-size 8
    --pipeline-model-parallel-size 16
)

torchrun ${DISTRIBUTED_ARGS[@]} pretrain_gpt.py \
    ${GPT_MODEL_ARGS[@]} \
    ${TRAINING_ARGS[@]} \
    ${MODEL_PARALLEL_ARGS[@]}
