"""Makes the PyTorch take-over cases of TakeOverPyTorchTest and the runtime's TakeOverRuntimeTest.

Runs: /usr/bin/python3 make_states.py   (Debian's python3-torch 1.13.1; no other package)

For every case it builds the optimizer and scheduler a `pytorch` config (CASE.config.json)
describes, runs `total` updates, and writes
  CASE.state.json  the scheduler's state after `resume_after` updates (each followed by
                   scheduler.step()), exported with the one line docs/resume-check.md documents:
                   json.dump({"type": type(s).__name__, **s.state_dict()}, f, default=repr)
  CASE.curve.json  {"resume_after": k, "lr": [...]}: the lr each of the `total` updates of the
                   UNINTERRUPTED run used (lr[i] = the (i+1)-th update's), the reference a run taken
                   over at update k must continue.
ReduceLROnPlateau is stepped with the metrics listed in its case (kept in the curve file).
"""
import json
import torch
from torch.optim import lr_scheduler

CASES = {
    "steplr": ({"optimizer": {"type": "SGD", "lr": 0.1},
                "scheduler": {"type": "StepLR", "kwargs": {"step_size": 3, "gamma": 0.5}}}, 7, 20, None),
    "cosine": ({"optimizer": {"type": "SGD", "lr": 0.1, "momentum": 0.9},
                "scheduler": {"type": "CosineAnnealingLR", "kwargs": {"T_max": 10, "eta_min": 0.001}}}, 4, 15, None),
    "multistep": ({"optimizer": {"type": "SGD", "lr": 0.2},
                   "scheduler": {"type": "MultiStepLR", "kwargs": {"milestones": [2, 5, 5], "gamma": 0.1}}}, 4, 10, None),
    "warmrestarts": ({"optimizer": {"type": "SGD", "lr": 0.1},
                      "scheduler": {"type": "CosineAnnealingWarmRestarts", "kwargs": {"T_0": 3, "T_mult": 2, "eta_min": 0.001}}}, 5, 20, None),
    "sequential": ({"optimizer": {"type": "AdamW", "lr": 0.001},
                    "scheduler": {"type": "SequentialLR", "kwargs": {
                        "schedulers": [{"type": "LinearLR", "kwargs": {"start_factor": 0.1, "total_iters": 3}},
                                       {"type": "ExponentialLR", "kwargs": {"gamma": 0.9}}],
                        "milestones": [3]}}}, 5, 12, None),
    "plateau": ({"optimizer": {"type": "SGD", "lr": 0.1},
                 "scheduler": {"type": "ReduceLROnPlateau", "kwargs": {"patience": 1, "factor": 0.5}}}, 6, 12,
                [1.0, 0.9, 0.95, 0.97, 0.96, 0.99, 0.98, 0.97, 0.8, 0.85, 0.9, 0.95]),
    "lambda": ({"optimizer": {"type": "SGD", "lr": 0.1},
                "scheduler": {"type": "ExponentialLR", "kwargs": {"gamma": 0.95}}}, 3, 10, None),
}


def build(config, optimizer):
    spec = config["scheduler"]
    if spec["type"] == "SequentialLR":
        members = [getattr(lr_scheduler, m["type"])(optimizer, **m["kwargs"]) for m in spec["kwargs"]["schedulers"]]
        return lr_scheduler.SequentialLR(optimizer, members, spec["kwargs"]["milestones"])
    return getattr(lr_scheduler, spec["type"])(optimizer, **spec["kwargs"])


def main():
    for name, (config, resume_after, total, metrics) in CASES.items():
        kwargs = {k: v for k, v in config["optimizer"].items() if k != "type"}
        optimizer = getattr(torch.optim, config["optimizer"]["type"])([torch.zeros(1, requires_grad=True)], **kwargs)
        if name == "lambda":
            # The same curve as the config's ExponentialLR, written as a LambdaLR: its lambda is not in the state.
            scheduler = lr_scheduler.LambdaLR(optimizer, lambda epoch: 0.95 ** epoch)
        else:
            scheduler = build(config, optimizer)
        used = []
        for update in range(total):
            if update == resume_after:
                with open(name + ".state.json", "w") as f:
                    json.dump({"type": type(scheduler).__name__, **scheduler.state_dict()}, f, default=repr)
            used.append(optimizer.param_groups[0]["lr"])
            optimizer.step()
            if metrics is not None:
                scheduler.step(metrics[update])
            else:
                scheduler.step()
        with open(name + ".config.json", "w") as f:
            json.dump(config, f, indent=2)
        curve = {"resume_after": resume_after, "lr": used}
        if metrics is not None:
            curve["metrics"] = metrics
        with open(name + ".curve.json", "w") as f:
            json.dump(curve, f, indent=2)


if __name__ == "__main__":
    main()
