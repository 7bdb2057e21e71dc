"""The loop `anneal train` runs by default, written in eager PyTorch, for bench/train-vs-pytorch.sh.

The same work as `anneal train` with no options: the digits Anneal ships (1,797 rows, 64 features,
10 classes), a fifth held out, features standardised by the training rows; an MLP 64-64-10 with
ReLU; softmax cross-entropy; torch.optim.AdamW (beta2 0.999, eps 1e-8) with batch 32, reshuffled
every epoch (the last batch of an epoch smaller); the plan of examples/train-digits.json applied
before every update (lr: linear 3e-5 -> 3e-3 over 300 updates then cosine to 3e-5 over 2,700; beta1:
linear 0.95 -> 0.9 over 300 then 0.9; weight decay 0.01); 3,000 updates. Like Anneal it keeps each
update's loss on the device and reads the losses back once per epoch, measures the accuracy of both
parts at the end and writes train.csv (step,lr,momentum,weight_decay,loss). It draws no chart:
Anneal's train.png is part of Anneal's whole-process figures.

Usage: python3 train_digits.py DIGITS_CSV_GZ OUT_DIR [UPDATES]
UPDATES (default 3,000) stops the run early, the schedule unchanged, as `anneal train --steps` does.
Prints one line `per-update-ms WALL CPU`: the training loop's wall and CPU time per update.
"""

import csv
import gzip
import math
import os
import sys
import time

import torch

BATCH = 32
WARMUP = 300


def lr_at(step):
    """examples/train-digits.json's lr: linear warm-up, then cosine down, then hold."""
    if step < WARMUP:
        return 3e-5 + (3e-3 - 3e-5) * step / WARMUP
    t = min(step - WARMUP, 2700) / 2700
    return 3e-5 + (3e-3 - 3e-5) * (1 + math.cos(math.pi * t)) / 2


def beta1_at(step):
    """examples/train-digits.json's momentum (Adam's beta1): linear 0.95 -> 0.9, then constant."""
    if step < WARMUP:
        return 0.95 + (0.9 - 0.95) * step / WARMUP
    return 0.9


def load(path):
    with gzip.open(path, "rt") as f:
        rows = [[float(v) for v in line.split(",")] for line in f if line.strip()]
    data = torch.tensor(rows, dtype=torch.float32)
    return data[:, :64], data[:, 64].long()


def main():
    torch.set_num_threads(1)
    torch.manual_seed(0)
    features, labels = load(sys.argv[1])
    out = sys.argv[2]
    updates = int(sys.argv[3]) if len(sys.argv) > 3 else 3000
    order = torch.randperm(len(labels))
    held = int(len(labels) * 0.2)
    train_idx, held_idx = order[held:], order[:held]
    x, y = features[train_idx], labels[train_idx]
    mean, std = x.mean(0), x.std(0, unbiased=False)
    scale = torch.where(std > 0, 1 / std, torch.ones_like(std))
    x = (x - mean) * scale
    x_held, y_held = (features[held_idx] - mean) * scale, labels[held_idx]

    model = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
    loss_fn = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr_at(0), betas=(beta1_at(0), 0.999), eps=1e-8, weight_decay=0.01)
    group = optimizer.param_groups[0]

    log = []
    step = 0
    wall, cpu = time.perf_counter(), time.process_time()
    while step < updates:
        perm = torch.randperm(len(y))
        losses = []
        for start in range(0, len(y), BATCH):
            if step == updates:
                break
            batch = perm[start:start + BATCH]
            lr, beta1 = lr_at(step), beta1_at(step)
            group["lr"], group["betas"] = lr, (beta1, 0.999)
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
            losses.append(loss.detach())
            log.append((step, lr, beta1, 0.01))
            step += 1
        for i, value in enumerate(torch.stack(losses).tolist()):
            log[len(log) - len(losses) + i] += (value,)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu

    with torch.no_grad():
        train_acc = (model(x).argmax(1) == y).float().mean().item()
        held_acc = (model(x_held).argmax(1) == y_held).float().mean().item()
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "train.csv"), "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["step", "lr", "momentum", "weight_decay", "loss"])
        writer.writerows(log)
    print(f"final loss {sum(r[4] for r in log[-45:]) / 45:.6f}; accuracy {train_acc:.1%} training, {held_acc:.1%} held out", file=sys.stderr)
    print(f"per-update-ms {wall / updates * 1e3:.3f} {cpu / updates * 1e3:.3f}")


if __name__ == "__main__":
    main()
