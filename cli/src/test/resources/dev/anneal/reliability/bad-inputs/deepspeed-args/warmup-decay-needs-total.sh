deepspeed train.py \
  --lr_schedule WarmupDecayLR \
  --warmup_max_lr 3e-4 \
  --warmup_num_steps 100
