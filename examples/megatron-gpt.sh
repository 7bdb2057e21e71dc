# The scheduler flags of a GPT-3 style Megatron-LM launch script; other flags are ignored.
torchrun pretrain_gpt.py \
    --num-layers 24 --hidden-size 2048 --bf16 \
    --train-iters 5000 \
    --lr 6.0e-4 --min-lr 6.0e-5 \
    --lr-decay-style cosine --lr-decay-iters 4000 \
    --lr-warmup-iters 200 \
    --weight-decay 0.1
