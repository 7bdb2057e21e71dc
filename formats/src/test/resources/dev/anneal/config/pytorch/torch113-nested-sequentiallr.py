"""Reference curves of a SequentialLR nested as the first member of another, as torch 1.13 runs it.

Produced by torch 1.13's own torch/optim/lr_scheduler.py (Debian python3-torch 1.13.1,
/usr/lib/python3/dist-packages/torch/optim/lr_scheduler.py), unmodified, with the loop of the golden
sets: lr[i] is the learning rate the (i+1)-th optimizer update uses. Run with /usr/bin/python3 and
redirect to torch113-nested-sequentiallr.json. The golden sets hold no 1.13 curve of this case
(golden-pytorch2 holds 2.x's), so PyTorchCompositionsTest compares with these.
"""
import json
import warnings

import torch
from torch.optim import lr_scheduler as s

warnings.filterwarnings("ignore")


def build(kind, kwargs, opt):
    kwargs = dict(kwargs)
    if kind in ("SequentialLR", "ChainedScheduler"):
        kwargs["schedulers"] = [build(m["type"], m.get("kwargs", {}), opt) for m in kwargs["schedulers"]]
    return getattr(s, kind)(opt, **kwargs)


def curve(optimizer, scheduler, steps):
    params = [torch.nn.Parameter(torch.zeros(1))]
    kwargs = {k: v for k, v in optimizer.items() if k != "type"}
    opt = getattr(torch.optim, optimizer["type"])(params, **kwargs)
    sched = build(scheduler["type"], scheduler["kwargs"], opt)
    out = []
    for _ in range(steps):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return out


def nested(inner, inner_milestones, second, milestone):
    return {"type": "SequentialLR", "kwargs": {
        "schedulers": [{"type": "SequentialLR", "kwargs": {"schedulers": inner, "milestones": inner_milestones}}, second],
        "milestones": [milestone]}}


CASES = [
    ("warmup-exponential-then-cosine", {"type": "AdamW", "lr": 0.001},
     nested([{"type": "LinearLR", "kwargs": {"start_factor": 0.05, "end_factor": 1.0, "total_iters": 20}},
             {"type": "ExponentialLR", "kwargs": {"gamma": 0.99}}], [20],
            {"type": "CosineAnnealingLR", "kwargs": {"T_max": 60, "eta_min": 1e-05}}, 50), 120),
    ("constant-step-then-exponential", {"type": "SGD", "lr": 0.1},
     nested([{"type": "ConstantLR", "kwargs": {"factor": 0.5, "total_iters": 4}},
             {"type": "StepLR", "kwargs": {"step_size": 3, "gamma": 0.5}}], [6],
            {"type": "ExponentialLR", "kwargs": {"gamma": 0.9}}, 12), 24),
]

print(json.dumps({"source": "torch 1.13.1 torch/optim/lr_scheduler.py (Debian python3-torch 1.13.1+dfsg)",
                  "semantics": "lr[i] = learning rate used by the (i+1)-th optimizer update",
                  "cases": [{"name": n, "optimizer": o, "scheduler": sc, "lr": curve(o, sc, k)} for n, o, sc, k in CASES]},
                 indent=1))
