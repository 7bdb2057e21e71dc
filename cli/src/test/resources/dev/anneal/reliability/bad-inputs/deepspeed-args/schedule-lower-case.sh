deepspeed train.py --lr_schedule lrrangetest
