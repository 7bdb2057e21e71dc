#!/usr/bin/python3
"""Writes the learning-rate logs that AuditCommandTest audits, each made by the real upstream code.

Upstream code run: torch 1.13 from Debian (python3-torch 1.13.1+dfsg, torch.__version__ 1.13.0a0):
torch.optim.AdamW / SGD and torch.optim.lr_scheduler.SequentialLR (LinearLR then
CosineAnnealingLR), OneCycleLR, StepLR and LambdaLR, stepped by the training loops below. Each log
records, for every optimizer update, the learning rate that update used (``param_groups[0]["lr"]``
read just before ``optimizer.step()``), except where a fault is injected on purpose:

  clean.csv             the loop as it should be: step s (0-based) holds the lr of update s+1
  off-by-one.csv        the lr is read after ``scheduler.step()``: the next update's
  accumulation-x4.csv   ``scheduler.step()`` called on every one of 4 micro-batches (gradient
                        accumulation counted as updates); the log counts optimizer updates
  resume-restart.csv    at update 150 the run resumes with the optimizer's state but a new
                        scheduler (its state not loaded): the schedule starts again from step 0
  resume-replay.jsonl   at update 200 the run resumes from the checkpoint of update 100 (optimizer
                        and scheduler state loaded), but the logger's step counter goes on: the
                        last 100 steps of the schedule are replayed
  overflow-skips.csv    fp16 overflow: on updates 0, 1, 2, 97 and 180 the optimizer step is skipped
                        and, as transformers' Trainer and accelerate do
                        (``if not optimizer_step_was_skipped: lr_scheduler.step()``), the scheduler
                        is not stepped. GradScaler needs CUDA, which this machine lacks, so the
                        overflow updates are chosen here rather than found by a scaler.
  onecycle-1based.csv   OneCycleLR, clean, but numbered from 1 (``iteration`` 1 is the first update)
                        with headers iteration,learning_rate,loss
  steplr.jsonl          StepLR, clean, with keys global_step and learning_rate
  plateau.csv           ReduceLROnPlateau, clean, stepped with the metric of plateau-metrics.txt after each update
  trainer_state.json, trainer_state-overflow.json
                        transformers' Trainer log history (logging_steps 10). transformers is not
                        installed here, so the curve comes from torch's LambdaLR with the factor of
                        transformers' get_linear_schedule_with_warmup (step / warmup during the
                        warm-up, then (total - step) / (total - warmup), at least 0), stepped as
                        Trainer's loop does: optimizer.step(), lr_scheduler.step() (unless the step
                        was skipped), global_step += 1, then a log every logging_steps with
                        learning_rate = lr_scheduler.get_last_lr()[0], i.e. the lr of the NEXT update.
                        The overflow file skips updates 0, 1, 2, 97 and 180 as above.

Configs (pytorch and transformers formats of Anneal) describing the intended schedules are written
beside the logs. Run from any folder: /usr/bin/python3 make_logs.py
"""
import json
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
UPDATES = 300
WARMUP = 30
PEAK = 1e-3
FLOOR = 1e-5
OVERFLOWS = {0, 1, 2, 97, 180}


def write(name, text):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(text)


def csv(name, header, rows):
    write(name, header + "\n" + "".join(",".join(repr(v) for v in row) + "\n" for row in rows))


def jsonl(name, rows):
    write(name, "".join(json.dumps(row) + "\n" for row in rows))


def model():
    torch.manual_seed(0)
    return torch.nn.Linear(4, 1)


def train_batch(net, optimizer):
    """One forward and backward pass on a fixed batch: the gradients the optimizer step applies."""
    x = torch.ones(8, 4)
    loss = net(x).pow(2).mean()
    optimizer.zero_grad()
    loss.backward()
    return loss.item()


def warmup_cosine(optimizer):
    return torch.optim.lr_scheduler.SequentialLR(optimizer, [
        torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.01, total_iters=WARMUP),
        torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=UPDATES - WARMUP, eta_min=FLOOR)], milestones=[WARMUP])


def adamw(net):
    return torch.optim.AdamW(net.parameters(), lr=PEAK)


def lr_of(optimizer):
    return optimizer.param_groups[0]["lr"]


def clean_and_off_by_one():
    clean, after = [], []
    net = model()
    optimizer = adamw(net)
    scheduler = warmup_cosine(optimizer)
    for step in range(UPDATES):
        clean.append((step, lr_of(optimizer)))
        train_batch(net, optimizer)
        optimizer.step()
        scheduler.step()
        after.append((step, lr_of(optimizer)))  # the fault: read after scheduler.step()
    csv("clean.csv", "step,lr", clean)
    csv("off-by-one.csv", "step,lr", after)


def accumulation_x4():
    rows = []
    net = model()
    optimizer = adamw(net)
    scheduler = warmup_cosine(optimizer)
    micro_batches = 4
    for update in range(UPDATES // micro_batches):
        for _ in range(micro_batches):
            train_batch(net, optimizer)
            scheduler.step()  # the fault: stepped per micro-batch, not per optimizer update
        rows.append((update, lr_of(optimizer)))
        optimizer.step()
    csv("accumulation-x4.csv", "step,lr", rows)


def resume_restart():
    rows = []
    net = model()
    optimizer = adamw(net)
    scheduler = warmup_cosine(optimizer)
    for step in range(UPDATES):
        if step == 150:
            saved = optimizer.state_dict()
            optimizer = adamw(net)
            optimizer.load_state_dict(saved)
            for group in optimizer.param_groups:  # a fresh run's optimizer: the config's lr
                group["lr"] = PEAK
                group.pop("initial_lr", None)
            scheduler = warmup_cosine(optimizer)  # the fault: scheduler state not loaded
        rows.append((step, lr_of(optimizer)))
        train_batch(net, optimizer)
        optimizer.step()
        scheduler.step()
    csv("resume-restart.csv", "step,lr", rows)


def resume_replay():
    rows = []
    net = model()
    optimizer = adamw(net)
    scheduler = warmup_cosine(optimizer)
    checkpoint = None
    for step in range(UPDATES):
        if step == 100:
            checkpoint = (optimizer.state_dict(), scheduler.state_dict())
        if step == 200:  # the fault: resumed from the checkpoint of update 100, the step counter goes on
            optimizer = adamw(net)
            scheduler = warmup_cosine(optimizer)
            optimizer.load_state_dict(checkpoint[0])
            scheduler.load_state_dict(checkpoint[1])
        rows.append({"step": step, "lr": lr_of(optimizer)})
        train_batch(net, optimizer)
        optimizer.step()
        scheduler.step()
    jsonl("resume-replay.jsonl", rows)


def overflow_skips():
    rows = []
    net = model()
    optimizer = adamw(net)
    scheduler = warmup_cosine(optimizer)
    for step in range(UPDATES):
        rows.append((step, lr_of(optimizer)))
        train_batch(net, optimizer)
        if step in OVERFLOWS:
            continue  # optimizer step skipped, and so the scheduler step
        optimizer.step()
        scheduler.step()
    csv("overflow-skips.csv", "step,lr", rows)


def onecycle_1based():
    rows = []
    net = model()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=200)
    for iteration in range(1, 201):
        loss = train_batch(net, optimizer)
        rows.append((iteration, lr_of(optimizer), loss))
        optimizer.step()
        scheduler.step() if iteration < 200 else None  # OneCycleLR refuses a step past total_steps
    csv("onecycle-1based.csv", "iteration,learning_rate,loss", rows)


def steplr():
    rows = []
    net = model()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30, gamma=0.5)
    for step in range(120):
        rows.append({"global_step": step, "learning_rate": lr_of(optimizer)})
        train_batch(net, optimizer)
        optimizer.step()
        scheduler.step()
    jsonl("steplr.jsonl", rows)


def plateau():
    """ReduceLROnPlateau fed a loss that falls, stalls, falls again: the metric after each update."""
    rows, metrics = [], []
    net = model()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=0.5, patience=3)
    for step in range(80):
        rows.append((step, lr_of(optimizer)))
        train_batch(net, optimizer)
        optimizer.step()
        metric = 2.0 - 0.01 * min(step, 20) - 0.01 * max(0, min(step, 60) - 45)  # falls, stalls from 20 to 45, falls, stalls
        metrics.append(metric)
        scheduler.step(metric)
    csv("plateau.csv", "step,lr", rows)
    write("plateau-metrics.txt", "".join(repr(m) + "\n" for m in metrics))


def trainer_factor(step):
    if step < WARMUP:
        return step / max(1, WARMUP)
    return max(0.0, (UPDATES - step) / max(1, UPDATES - WARMUP))


def trainer_state(name, overflows):
    net = model()
    optimizer = torch.optim.AdamW(net.parameters(), lr=5e-5)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, trainer_factor)
    history = []
    global_step = 0
    for update in range(UPDATES):
        loss = train_batch(net, optimizer)
        if update not in overflows:
            optimizer.step()
            scheduler.step()
        global_step += 1
        if global_step % 10 == 0:
            history.append({"epoch": round(global_step / 100, 2), "grad_norm": 0.5, "learning_rate": scheduler.get_last_lr()[0],
                            "loss": round(loss, 4), "step": global_step})
        if global_step % 100 == 0:
            history.append({"epoch": global_step / 100, "eval_loss": round(loss, 4), "eval_runtime": 1.5, "step": global_step})
    history.append({"epoch": 3.0, "step": UPDATES, "total_flos": 0.0, "train_loss": 0.25, "train_runtime": 12.5})
    state = {"best_metric": None, "epoch": 3.0, "eval_steps": 100, "global_step": UPDATES, "is_local_process_zero": True,
             "is_world_process_zero": True, "log_history": history, "logging_steps": 10, "max_steps": UPDATES,
             "num_train_epochs": 3, "save_steps": 500, "train_batch_size": 8}
    write(name, json.dumps(state, indent=2) + "\n")


def configs():
    write("warmup-cosine.pytorch.json", json.dumps({
        "optimizer": {"type": "AdamW", "lr": PEAK},
        "scheduler": {"type": "SequentialLR", "kwargs": {"schedulers": [
            {"type": "LinearLR", "kwargs": {"start_factor": 0.01, "total_iters": WARMUP}},
            {"type": "CosineAnnealingLR", "kwargs": {"T_max": UPDATES - WARMUP, "eta_min": FLOOR}}], "milestones": [WARMUP]}},
        "torch_version": "1.13"}, indent=2) + "\n")
    write("onecycle.pytorch.json", json.dumps({
        "optimizer": {"type": "SGD", "lr": 0.01, "momentum": 0.9},
        "scheduler": {"type": "OneCycleLR", "kwargs": {"max_lr": 0.1, "total_steps": 200}}, "torch_version": "1.13"}, indent=2) + "\n")
    write("steplr.pytorch.json", json.dumps({
        "optimizer": {"type": "SGD", "lr": 0.1, "momentum": 0.9},
        "scheduler": {"type": "StepLR", "kwargs": {"step_size": 30, "gamma": 0.5}}, "torch_version": "1.13"}, indent=2) + "\n")
    write("plateau.pytorch.json", json.dumps({
        "optimizer": {"type": "SGD", "lr": 0.1, "momentum": 0.9},
        "scheduler": {"type": "ReduceLROnPlateau", "kwargs": {"factor": 0.5, "patience": 3}}, "torch_version": "1.13"}, indent=2) + "\n")
    write("trainer-args.json", json.dumps({
        "learning_rate": 5e-5, "lr_scheduler_type": "linear", "warmup_steps": WARMUP, "max_steps": UPDATES}, indent=2) + "\n")


if __name__ == "__main__":
    clean_and_off_by_one()
    accumulation_x4()
    resume_restart()
    resume_replay()
    overflow_skips()
    onecycle_1based()
    steplr()
    plateau()
    trainer_state("trainer_state.json", set())
    trainer_state("trainer_state-overflow.json", OVERFLOWS)
    configs()
