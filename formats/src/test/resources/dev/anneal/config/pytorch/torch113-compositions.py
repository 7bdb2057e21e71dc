"""Reference curves of compositions as torch 1.13 runs them: nested SequentialLR, chains holding
CyclicLR or CosineAnnealingWarmRestarts, OneCycleLR after the first member, members stopped part-way.

Produced by torch 1.13's own torch/optim/lr_scheduler.py (Debian python3-torch 1.13.1,
/usr/lib/python3/dist-packages/torch/optim/lr_scheduler.py), unmodified, with the loop of the golden
sets: lr[i] is the learning rate the (i+1)-th optimizer update uses. Run with /usr/bin/python3 and
redirect to torch113-compositions.json. The golden sets hold none of these cases for torch 1.13,
so PyTorchCompositionsTest compares with these. momentum is the optimizer's momentum (SGD) at each
update, compared where the plan has a momentum channel.
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
    if kind == "ChainedScheduler":
        return s.ChainedScheduler(**kwargs)  # torch 1.13 takes no optimizer
    return getattr(s, kind)(opt, **kwargs)


def curve(optimizer, scheduler, steps):
    params = [torch.nn.Parameter(torch.zeros(1))]
    kwargs = {k: v for k, v in optimizer.items() if k != "type"}
    opt = getattr(torch.optim, optimizer["type"])(params, **kwargs)
    sched = build(scheduler["type"], scheduler["kwargs"], opt)
    lr, momentum = [], []
    for _ in range(steps):
        lr.append(opt.param_groups[0]["lr"])
        momentum.append(opt.param_groups[0].get("momentum"))
        opt.step()
        sched.step()
    return lr, momentum


def member(kind, **kwargs):
    return {"type": kind, "kwargs": kwargs}


def chain(*members):
    return {"type": "ChainedScheduler", "kwargs": {"schedulers": list(members)}}


def sequence(milestones, *members):
    return {"type": "SequentialLR", "kwargs": {"schedulers": list(members), "milestones": milestones}}


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
SGD = {"type": "SGD", "lr": 0.1, "momentum": 0.9}
CASES += [(name, SGD, scheduler, 30) for name, scheduler in [
    ("chain-warmrestarts-linear", chain(member("CosineAnnealingWarmRestarts", T_0=10, eta_min=0.001),
                                        member("LinearLR", start_factor=0.5, total_iters=5))),
    ("chain-constant-cyclic-multistep", chain(member("ConstantLR", factor=0.5, total_iters=4),
                                              member("CyclicLR", base_lr=0.01, max_lr=0.1, step_size_up=5),
                                              member("MultiStepLR", milestones=[3, 7, 7], gamma=0.5))),
    ("chain-cyclic-polynomial", chain(member("CyclicLR", base_lr=0.01, max_lr=0.1, step_size_up=5, cycle_momentum=False),
                                      member("PolynomialLR", total_iters=8, power=2.0))),
    ("chain-exponential-cyclic-triangular2", chain(member("ExponentialLR", gamma=0.5),
                                                   member("CyclicLR", base_lr=0.01, max_lr=0.1, step_size_up=5, mode="triangular2"))),
    ("sequential-cyclic-onecycle", sequence([12], member("CyclicLR", base_lr=0.01, max_lr=0.1, step_size_up=5),
                                            member("OneCycleLR", max_lr=0.2, total_steps=30))),
    ("sequential-warmrestarts-onecycle", sequence([12], member("CosineAnnealingWarmRestarts", T_0=5, T_mult=2),
                                                  member("OneCycleLR", max_lr=0.2, total_steps=40, cycle_momentum=False))),
    ("sequential-linear-onecycle-cut-exponential", sequence([10, 25], member("LinearLR", start_factor=0.1, total_iters=10),
                                                            member("OneCycleLR", max_lr=0.2, total_steps=20, cycle_momentum=False),
                                                            member("ExponentialLR", gamma=0.9))),
    ("sequential-polynomial-cut-onecycle-cut", sequence([10, 22], member("PolynomialLR", total_iters=20, power=2.0),
                                                        member("OneCycleLR", max_lr=0.2, total_steps=20),
                                                        member("ExponentialLR", gamma=0.9))),
    ("sequential-equal-milestones", sequence([5, 5], member("ExponentialLR", gamma=0.9),
                                             member("ConstantLR", factor=0.5, total_iters=3),
                                             member("LinearLR", start_factor=0.25, total_iters=4))),
    ("nested-cyclic-first", sequence([15], sequence([9], member("CyclicLR", base_lr=0.01, max_lr=0.1, step_size_up=4),
                                                    member("ExponentialLR", gamma=0.9)),
                                     member("ConstantLR", factor=0.5, total_iters=3))),
    ("nested-multistep-0-first", sequence([12], sequence([6], member("MultiStepLR", milestones=[0, 2, 5], gamma=0.5),
                                                         member("StepLR", step_size=2, gamma=0.5)),
                                          member("ExponentialLR", gamma=0.9))),
    ("nested-cosine-first", sequence([15], sequence([6], member("CosineAnnealingLR", T_max=8, eta_min=0.01),
                                                    member("ExponentialLR", gamma=0.9)),
                                     member("ConstantLR", factor=0.5, total_iters=3))),
    ("nested-polynomial-first", sequence([15], sequence([5], member("PolynomialLR", total_iters=8, power=2.0),
                                                        member("LinearLR", start_factor=0.5, total_iters=4)),
                                         member("ConstantLR", factor=0.5, total_iters=3))),
]]

print(json.dumps({"source": "torch 1.13.1 torch/optim/lr_scheduler.py (Debian python3-torch 1.13.1+dfsg)",
                  "semantics": "lr[i] = learning rate used by the (i+1)-th optimizer update",
                  "cases": [dict(zip(("name", "optimizer", "scheduler", "lr", "momentum"), (n, o, sc) + curve(o, sc, k)))
                            for n, o, sc, k in CASES]},
                 indent=1))
