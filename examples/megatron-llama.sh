# The scheduler flags of a Llama-style Megatron-LM launch script; other flags are ignored.
# It warms up from --min-lr and sets no --weight-decay, so Megatron applies its default, 0.01:
# the plan has a weight_decay channel besides lr.
torchrun pretrain_gpt.py \
    --num-layers 32 --hidden-size 4096 --swiglu --normalization RMSNorm \
    --train-iters 10000 \
    --lr 3.0e-4 --min-lr 3.0e-5 \
    --lr-decay-style cosine \
    --lr-warmup-iters 500 --lr-warmup-init 3.0e-5
