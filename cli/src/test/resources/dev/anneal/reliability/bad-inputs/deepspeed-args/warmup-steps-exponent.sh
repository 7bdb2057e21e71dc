deepspeed train.py --lr_schedule WarmupLR --warmup_num_steps 1e3
