deepspeed train.py \
  --lr_schedule LRRangeTest \
  --lr_schedule OneCycl
