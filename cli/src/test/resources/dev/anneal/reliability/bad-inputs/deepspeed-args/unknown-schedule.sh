deepspeed train.py --lr_schedule Cosine --warmup_num_steps 100
