deepspeed train.py \
  --lr_schedule OneCycle \
  --cycle_min_lr 1e-4 \
  --cycle_max_lr 1e-3 \
  --cycle_first_step_size 500
