#!/usr/bin/env python3
"""Lists every flag of Megatron-LM's argument parser, with its argument group and arity.

Reads (never imports) megatron/training/arguments.py and the config dataclasses its
ArgumentGroupFactory turns into flags, at one commit of a Megatron-LM clone:

    python3 docs/audit/megatron_flags.py /path/to/Megatron-LM d98e8a64dd > \
        formats/src/main/resources/dev/anneal/config/megatron/megatron-lm-flags.tsv

Output: one line per flag, `flag<TAB>group<TAB>arity`, where arity is 0 for a switch, a count,
or `?`, `*`, `+` as argparse's nargs. A flag with several names (`--no-x`/`--disable-x`) gives
one line per name. The flags added by `_add_kitchen_quantization_arguments` only when NVIDIA's
Kitchen library is installed are included, as a launch script may use them.
"""
import ast
import subprocess
import sys

REPO, COMMIT = sys.argv[1], sys.argv[2]


def source(path):
    return subprocess.run(["git", "-C", REPO, "show", f"{COMMIT}:{path}"], check=True, capture_output=True, text=True).stdout


def const(node):
    try:
        return ast.literal_eval(node)
    except Exception:
        return None


CLASS_FILES = [
    "megatron/training/config/training_config.py",
    "megatron/training/config/common_config.py",
    "megatron/training/config/resilience_config.py",
    "megatron/training/config/inference_config.py",
    "megatron/core/transformer/transformer_config.py",
    "megatron/core/model_parallel_config.py",
]
CLASSES = {}
for path in CLASS_FILES:
    try:
        tree = ast.parse(source(path))
    except subprocess.CalledProcessError:
        continue
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            CLASSES[node.name] = node


def is_bool(annotation):
    text = ast.unparse(annotation)
    return text in ("bool", "Optional[bool]", "bool | None")


def dataclass_flags(name, exclude):
    node = CLASSES[name]
    out = []
    for base in node.bases:
        if isinstance(base, ast.Name) and base.id in CLASSES:
            out += dataclass_flags(base.id, exclude)
    for item in node.body:
        if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)):
            continue
        field = item.target.id
        if field in exclude or ast.unparse(item.annotation).startswith("ClassVar"):
            continue
        default, meta, init = (const(item.value) if item.value is not None else None), {}, True
        if isinstance(item.value, ast.Call) and ast.unparse(item.value.func).endswith("field"):
            default = None
            for kw in item.value.keywords:
                if kw.arg == "init" and const(kw.value) is False:
                    init = False
                elif kw.arg == "default":
                    default = const(kw.value)
                elif kw.arg == "metadata" and isinstance(kw.value, ast.Dict):
                    for k, v in zip(kw.value.keys, kw.value.values):
                        if const(k) == "argparse_meta" and isinstance(v, ast.Dict):
                            meta = {const(a): (const(b) if const(b) is not None else ast.unparse(b)) for a, b in zip(v.keys, v.values)}
        if not init:
            continue
        names = ["--" + field.replace("_", "-")]
        arity = "1"
        annotation = ast.unparse(item.annotation)
        if is_bool(item.annotation) and "type" not in meta:
            arity = "0"
            if default is not False:
                names = ["--no-" + field.replace("_", "-"), "--disable-" + field.replace("_", "-")]
        elif annotation.startswith("list[") or annotation.startswith("List[") or annotation.startswith("Optional[List["):
            arity = "+"
        if "nargs" in meta:
            arity = str(meta["nargs"])
        if meta.get("action") in ("store_true", "store_false", "store_const", "count"):
            arity = "0"
        if "arg_names" in meta:
            names = meta["arg_names"]
        out += [(n, arity) for n in names]
    return out


def add_argument_flags(call):
    names = [const(a) for a in call.args if isinstance(const(a), str) and const(a).startswith("-")]
    kws = {kw.arg: kw.value for kw in call.keywords}
    arity = "1"
    if "action" in kws and const(kws["action"]) in ("store_true", "store_false", "store_const", "count"):
        arity = "0"
    if "nargs" in kws:
        arity = str(const(kws["nargs"]))
    return [(n, arity) for n in names]


arguments = ast.parse(source("megatron/training/arguments.py"))
functions = {n.name: n for n in arguments.body if isinstance(n, ast.FunctionDef)}
order = [ast.unparse(c.value.func) for c in functions["add_megatron_arguments"].body
         if isinstance(c, ast.Assign) and isinstance(c.value, ast.Call)]
seen = set()
for name in order:
    function = functions[name]
    groups, factories, default_title = {}, {}, None
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            call, target = node.value, ast.unparse(node.targets[0])
            func = ast.unparse(call.func)
            if func.endswith("add_argument_group"):
                title = const(call.args[0]) if call.args else const(next(kw.value for kw in call.keywords if kw.arg == "title"))
                groups[target] = title
            elif func.endswith("add_mutually_exclusive_group"):
                groups[target] = groups.get(func.rsplit(".", 1)[0], "other")
            elif func == "ArgumentGroupFactory":
                exclude = next((const(kw.value) for kw in call.keywords if kw.arg == "exclude"), []) or []
                factories[target] = (ast.unparse(call.args[0]), exclude)
            elif func.endswith("build_group"):
                owner = func.rsplit(".", 1)[0]
                title = const(call.args[1]) if len(call.args) > 1 else const(next(kw.value for kw in call.keywords if kw.arg == "title"))
                groups[target] = title
                cls, exclude = factories[owner]
                for flag, arity in dataclass_flags(cls, exclude):
                    if flag not in seen:
                        seen.add(flag)
                        print(f"{flag}\t{title}\t{arity}")
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and ast.unparse(node.func).endswith(".add_argument"):
            owner = ast.unparse(node.func).rsplit(".", 1)[0]
            title = groups.get(owner, "other")
            for flag, arity in add_argument_flags(node):
                if flag not in seen:
                    seen.add(flag)
                    print(f"{flag}\t{title}\t{arity}")
