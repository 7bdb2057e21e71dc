deepspeed train.py --deepspeed_config ds_config.json \
  --lr_range_test_min_lr 1e-4 \
  --lr_range_test_step_size 200
