deepspeed train.py --lr_schedule WarmupLR --warmup_max_lr 1e-3 --warmup_num_steps 0
