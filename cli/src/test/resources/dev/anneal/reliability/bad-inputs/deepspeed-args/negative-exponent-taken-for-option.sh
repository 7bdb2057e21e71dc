deepspeed train.py --lr_schedule LRRangeTest --lr_range_test_step_rate -1e-3 --lr_range_test_step_size 100
