# The scheduler flags of a Megatron-LM launch with warmup-stable-decay (WSD), scaled down to the
# digits sample: 400 iterations, warm-up over 40, the peak held, then a "1 - sqrt" cool-down over
# the last 100 to --min-lr; weight decay rising along a cosine from 0.01 to 0.1. Flags that do not
# shape the schedule (model size, precision) are named in a note as ignored.
torchrun pretrain_gpt.py \
    --num-layers 24 --hidden-size 2048 --bf16 \
    --train-iters 400 \
    --lr 3e-3 --min-lr 3e-5 \
    --lr-warmup-iters 40 \
    --lr-decay-style WSD --lr-wsd-decay-style minus_sqrt --lr-wsd-decay-iters 100 \
    --weight-decay-incr-style cosine --start-weight-decay 0.01 --end-weight-decay 0.1
