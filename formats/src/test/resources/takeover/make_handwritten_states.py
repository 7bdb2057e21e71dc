"""Makes the DeepSpeed, Megatron-LM and transformers take-over states of TakeOverGoldenTest.

Runs: python3 make_handwritten_states.py   (standard library only; reads ../golden/)

DeepSpeed, Megatron-LM and transformers are not installed here, so their states are WRITTEN BY
HAND, field for field as the upstream source sets them:
  DeepSpeed   deepspeed/runtime/lr_schedules.py (edaa722): the fields each scheduler's __init__
              sets, as the export line in docs/resume-check.md prints them (vars() filtered to
              numbers, strings and lists: the optimizer drops out; OneCycle's (beta1, 0.99) tuples
              become lists), with last_batch_iteration n;
  Megatron-LM megatron/core/optimizer_param_scheduler.py (d98e8a6) state_dict() and the
              checkpoint's iteration, num_steps = iteration * global batch;
  transformers trainer_state.json as TrainerState.save_to_json writes it: global_step, max_steps,
              a log_history entry every 10 steps.
Every lr in them is taken from the golden curve that the real upstream code produced
(golden/<system>/<case>.json, lr[i] = the lr of update i, counting from 0):
  DeepSpeed _last_lr after n + 1 scheduler steps is the lr of update n + 1;
  transformers (before 4.51) logs at step s the lr of update s.
"""
import json
import math
import os

GOLDEN = os.path.join(os.path.dirname(__file__), "..", "golden")
HERE = os.path.dirname(os.path.abspath(__file__))


def golden(system, name):
    with open(os.path.join(GOLDEN, system, name + ".json")) as f:
        return json.load(f)


def write(folder, name, state):
    os.makedirs(os.path.join(HERE, folder), exist_ok=True)
    with open(os.path.join(HERE, folder, name + ".state.json"), "w") as f:
        json.dump(state, f, indent=2)


def deepspeed():
    case = golden("deepspeed", "warmupdecaylr-log-min-lr")
    p = case["config"]["params"]
    n = 149
    write("deepspeed", "warmupdecaylr-log-min-lr", {
        "type": "WarmupDecayLR",
        "min_lrs": [p["warmup_min_lr"]], "max_lrs": [p["warmup_max_lr"]],
        "delta_lrs": [p["warmup_max_lr"] - p["warmup_min_lr"]],
        "warmup_num_steps": max(2, p["warmup_num_steps"]), "warmup_type": "log",
        "inverse_log_warm_up": 1.0 / math.log(max(2, p["warmup_num_steps"])),
        "last_batch_iteration": n, "_last_lr": [case["lr"][n + 1]],
        "total_num_steps": p["total_num_steps"]})
    case = golden("deepspeed", "warmupcosinelr-linear-ratios")
    p = case["config"]["params"]
    n = 999
    write("deepspeed", "warmupcosinelr-linear-ratios", {
        "type": "WarmupCosineLR",
        "total_num_steps": p["total_num_steps"], "last_batch_iteration": n, "cos_min_ratio": p["cos_min_ratio"],
        "warmup_type": p["warmup_type"], "warmup_min_ratio": p["warmup_min_ratio"],
        "warmup_num_steps": max(2, p["warmup_num_steps"]),
        "inverse_log_warm_up": 1.0 / math.log(max(2, p["warmup_num_steps"])),
        "org_lrs": [case["optimizer"]["lr"]], "_last_lr": [case["lr"][n + 1]]})


    for name, n in (("onecycle-decay-lr-and-mom", 1399), ("onecycle-staircase", 599)):
        case = golden("deepspeed", name)
        p = case["config"]["params"]
        first = float(p["cycle_first_step_size"])
        second = float(p.get("cycle_second_step_size", first))
        decay_step = p.get("decay_step_size", 0)
        state = {
            "type": "OneCycle",
            "total_size": first + second, "step_ratio": first / (first + second),
            "first_step_size": first, "second_step_size": second,
            "first_stair_count": p.get("cycle_first_stair_count", 0),
            "second_stair_count": p.get("cycle_second_stair_count", p.get("cycle_first_stair_count", 0)),
            "decay_step_size": decay_step,
            "skip_lr_decay": decay_step == 0 or p.get("decay_lr_rate", 0.0) == 0,
            "skip_mom_decay": decay_step == 0 or p.get("decay_mom_rate", 0.0) == 0,
            "min_lrs": [p["cycle_min_lr"]], "max_lrs": [p["cycle_max_lr"]], "decay_lr_rate": p.get("decay_lr_rate", 0.0),
            # DeepSpeed keeps cycle_momentum True only on an optimizer with betas (AdamW here, not SGD).
            "cycle_momentum": p.get("cycle_momentum", True) and case["optimizer"]["type"] != "SGD",
        }
        if state["cycle_momentum"]:
            state.update({"decay_mom_rate": p.get("decay_mom_rate", 0.0),
                          "min_moms": [[p.get("cycle_min_mom", 0.8), 0.99]], "max_moms": [[p.get("cycle_max_mom", 0.9), 0.99]]})
        state.update({"last_batch_iteration": n, "_last_lr": [case["lr"][n + 1]]})
        write("deepspeed", name, state)


def megatron():
    # cosine-warmup-fraction: lr_warmup_steps is the float 40.0 (--lr-warmup-fraction 0.01 * 4000), kept a float;
    # wsd-cosine at 1400 is inside its WSD decay (the last 300 of 1500), whose length state_dict does not save.
    for name, iteration in (("gpt3-cosine", 1000), ("inverse-sqrt-no-warmup-gbs512", 300), ("cosine-warmup-fraction", 20),
                            ("wsd-cosine", 1400)):
        case = golden("megatron", name)
        s = case["config"]["OptimizerParamScheduler"]
        write("megatron", name, {
            "iteration": iteration,
            "max_lr": s["max_lr"], "lr_warmup_steps": s["lr_warmup_steps"],
            "num_steps": iteration * case["config"]["step_increment"],
            "lr_decay_style": s["lr_decay_style"], "lr_decay_steps": s["lr_decay_steps"], "min_lr": s["min_lr"],
            "start_wd": s["start_wd"], "end_wd": s["end_wd"], "wd_incr_style": s["wd_incr_style"],
            "wd_incr_steps": s["wd_incr_steps"]})


def transformers():
    case = golden("transformers", "linear-warmup")
    global_step = 300
    history = []
    for step in range(10, global_step + 1, 10):
        history.append({"epoch": step / 1000, "grad_norm": 1.0, "learning_rate": case["lr"][step], "loss": 2.5, "step": step})
    write("transformers", "linear-warmup", {
        "best_metric": None, "best_model_checkpoint": None, "epoch": global_step / 1000, "eval_steps": 500,
        "global_step": global_step, "is_hyper_param_search": False, "is_local_process_zero": True,
        "is_world_process_zero": True, "log_history": history, "logging_steps": 10,
        "max_steps": case["config"]["num_training_steps"], "num_input_tokens_seen": 0, "num_train_epochs": 1,
        "save_steps": 300, "total_flos": 0.0, "train_batch_size": 8, "trial_name": None, "trial_params": None})


if __name__ == "__main__":
    deepspeed()
    megatron()
    transformers()
