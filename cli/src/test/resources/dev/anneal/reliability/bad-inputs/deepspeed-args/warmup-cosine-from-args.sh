deepspeed train.py \
  --lr_schedule WarmupCosineLR \
  --warmup_num_steps 100 \
  --cos_min_ratio 0.1
