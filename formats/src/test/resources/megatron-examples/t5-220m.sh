#!/bin/bash
# Reduced from examples/t5/train_t5_220m_distributed.sh (Megatron-LM d98e8a6): see README.md.

GPUS_PER_NODE=8
NUM_NODES=1

CHECKPOINT_PATH=$1 #<Specify path>
DATA_PATH=$4 #<Specify path and file prefix>_text_document

DISTRIBUTED_ARGS="
    --nproc_per_node $GPUS_PER_NODE \
    --nnodes $NUM_NODES
"

T5_ARGS="
    --encoder-num-layers 12 \
    --decoder-num-layers 12 \
    --micro-batch-size 64 \
    --global-batch-size 512 \
    --lr 0.0001 \
    --train-iters 1000000 \
    --lr-decay-iters 1000000 \
    --lr-decay-style linear \
    --min-lr 0.00001 \
    --weight-decay 1e-2 \
    --lr-warmup-fraction .01 \
    --clip-grad 1.0 \
    --bf16 \
"

DATA_ARGS="
    --data-path $DATA_PATH \
    --split 99982,9,9 \
"

torchrun $DISTRIBUTED_ARGS pretrain_t5.py \
    $T5_ARGS \
    $DATA_ARGS \
    --distributed-backend nccl \
    --save $CHECKPOINT_PATH
