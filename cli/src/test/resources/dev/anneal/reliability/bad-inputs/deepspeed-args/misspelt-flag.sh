deepspeed train.py \
  --lr_schedule LRRangeTest \
  --lr_range_test_stepsize 200
