"""Writes the torch 1.13 cases of this folder not taken from the probe: OneCycleLR (Debian python3-torch,
/usr/bin/python3) stepped total_steps times, recording the learning rate and momentum each step, then
stepped once more to record whether step total_steps raises (ZeroDivisionError). Same layout as the
probe case files beside them (p0007, p0019, p0287)."""
import json
import torch

CASES = {
    "pct-start-one-two-phase.json": {"max_lr": 0.1, "total_steps": 10, "pct_start": 1.0, "anneal_strategy": "cos",
                                     "div_factor": 25.0, "final_div_factor": 10000.0, "three_phase": False,
                                     "cycle_momentum": True},
    "pct-start-zero-three-phase-linear.json": {"max_lr": 0.1, "total_steps": 10, "pct_start": 0.0,
                                               "anneal_strategy": "linear", "div_factor": 25.0,
                                               "final_div_factor": 100.0, "three_phase": True, "cycle_momentum": True},
}
optimizer = {"type": "SGD", "lr": 1.0, "momentum": 0.9, "weight_decay": 0.0}
for name, config in CASES.items():
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0, momentum=0.9)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, **config)
    lr, momentum = [], []
    for step in range(config["total_steps"]):
        lr.append(opt.param_groups[0]["lr"])
        momentum.append(opt.param_groups[0]["momentum"])
        opt.step()
        if step < config["total_steps"] - 1:
            sched.step()
    try:
        sched.step()
        raises = None
    except ZeroDivisionError:
        raises = "ZeroDivisionError at step %d" % config["total_steps"]
    with open(name, "w") as out:
        json.dump({"system": "pytorch", "source": "torch 1.13 generate.py", "kind": "OneCycleLR", "config": config,
                   "optimizer": optimizer, "steps": config["total_steps"], "raises": raises, "lr": lr,
                   "momentum": momentum}, out)
