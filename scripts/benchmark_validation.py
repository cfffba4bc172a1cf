"""Time a cold validation (nothing kept in .cache/validation.pack) per record, stage by stage, then a warm one; prints figures.

Usage: python scripts/benchmark_validation.py [--records 1000] [--before GIT_REF] [--repeat N] [--warm N] [--profile]

Makes a library of --records examples as scripts/benchmark.py does (the real records and lightly
varied copies of them), then checks it with `macros.load.project.check` in fresh processes, with
.cache/ emptied before each. One process, run as a build runs it, gives the totals:
  - CPU ms: CPU seconds (user and system) of that process and of every worker process it started
    to check records in (macros/load/checked.py), so work spread over cores is all counted; other
    work on the machine changes it less than wall-clock time;
  - wall ms: the time from the start of the check to its end, as a contributor waits for it; on a
    machine busy with other work it is longer than it would be on an idle one.
With --repeat N that process runs N times and each total is the lowest of its N figures.
A second process times each stage on its own, by wrapping the functions below (a stage's time
leaves out the stages it calls): it checks every record in itself, one after another, so that
every stage is timed, and counts its own CPU seconds; its total is a little higher than a serial
check's. With --before, the same is done for another version of the project (a git ref), in the
same run, on a library made from that version's records. Then, with every record kept from those
runs, --warm N (9 by default) times N more checks of each version, taking turns in an order that
alternates, and prints each total's median and range: what an unchanged record costs a build or
`make validate`, the fixed costs of a run (the guide's data, the code's fingerprint) spread over
the records. --profile prints cProfile's top entries instead (of a cold check in one process).
It asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _root import ROOT
from benchmark import CACHE, ENV, in_turns, make_project

# (label, module, function): each stage's own CPU time, leaving out the stages it calls. A function a
# version lacks is not timed there (its time falls to the stage that calls it).
STAGES = [
    ("guide data and record schema (once)", "macros.load.project", "load_guide"),
    ("guide data and record schema (once)", "macros.load.examples", "record_schema"),
    ("cache key, pickling and writing", "macros.load.checked", "Checked.get"),
    ("cache key, pickling and writing", "macros.load.checked", "Checked.results"),
    ("cache key, pickling and writing", "macros.load.checked", "Checked.save"),
    ("cache key, pickling and writing", "macros.base.store", "code_fingerprint"),
    ("YAML load", "macros.load.yamlsafe", "parse"),
    ("YAML load", "macros.load.yamlsafe", "read_text"),
    ("schema", "macros.load.schema", "check"),
    ("personal-details check", "macros.load.examples", "personal_details"),
    ("Markdown converted and sanitised", "macros.load.examples", "_convert_markdown"),
    ("other checks of a record", "macros.load.examples", "check_record"),
]
OTHER = "the rest (listing files, cross-record checks)"

_CHILD = """
import importlib, json, resource, sys, time
from pathlib import Path
root = Path(sys.argv[1])
sys.path.insert(0, str(root))
from macros.load import checked, project
stages = json.loads(sys.argv[2])
if stages:
    checked.PARALLEL_FROM = float("inf")  # every stage timed here, in this process (a version without workers ignores it)

def cpu():
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
spent = {}
stack = []  # labels of the stages being timed, innermost last
mark = [0.0]

def switch():
    now = time.process_time()
    if stack:
        spent[stack[-1]] = spent.get(stack[-1], 0.0) + now - mark[0]
    mark[0] = now

def timed(label, function, generator):
    def wrapper(*args, **kwargs):
        switch()
        stack.append(label)
        try:
            result = function(*args, **kwargs)
            return iter(list(result)) if generator else result
        finally:
            switch()
            stack.pop()
    return wrapper

for label, module_name, name in stages:
    module = importlib.import_module(module_name)
    owner, _, attribute = name.rpartition(".")
    holder = getattr(module, owner) if owner else module
    function = getattr(holder, attribute, None)
    if function is None:
        continue
    generator = function.__code__.co_flags & 0x20 != 0
    setattr(holder, attribute, timed(label, function, generator))
    if not owner and module_name != "macros.load.project":
        for other in ("macros.load.project", "macros.load.examples", "macros.load.checked"):  # imported by name
            imported = importlib.import_module(other)
            if getattr(imported, attribute, None) is function:
                setattr(imported, attribute, getattr(holder, attribute))

started, began = (time.process_time() if stages else cpu()), time.perf_counter()
loaded, problems = project.check(root)
total, wall = (time.process_time() if stages else cpu()) - started, time.perf_counter() - began
if problems:
    sys.exit("the copies are not valid records:\\n" + "\\n".join(map(str, problems[:5])))
print(json.dumps({"total_s": total, "wall_s": wall, "stages": spent, "records": len(loaded.examples), "reused": loaded.reused}))
"""

_PROFILED = """
import cProfile, pstats, sys, time
from pathlib import Path
root = Path(sys.argv[1])
sys.path.insert(0, str(root))
from macros.load import checked, project
checked.PARALLEL_FROM = float("inf")  # profiled in this process
profiler = cProfile.Profile(time.process_time)
profiler.enable()
project.check(root)
profiler.disable()
stats = pstats.Stats(profiler).sort_stats("tottime")
stats.print_stats(35)
stats.sort_stats("cumulative").print_stats(45)
"""


def cold_run(project: Path, stages: list | None) -> dict:
    """One check of project in a fresh process, .cache/ emptied first."""
    shutil.rmtree(project / CACHE, ignore_errors=True)
    return run(project, stages)


def run(project: Path, stages: list | None) -> dict:
    """One check of project in a fresh process, with whatever .cache/ holds."""
    arguments = [str(project), json.dumps(stages or [])]
    result = subprocess.run([sys.executable, "-c", _CHILD, *arguments], capture_output=True, text=True, env=ENV, check=False)
    if result.returncode:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout)


def figures(project: Path, repeat: int) -> dict:
    """ms per record: the totals (CPU and wall-clock), unwrapped, the lowest of repeat runs, and each
    stage's CPU from a wrapped run in one process."""
    plain = [cold_run(project, None) for _ in range(repeat)]
    staged = cold_run(project, STAGES)
    count = plain[0]["records"]
    by_label: dict[str, float] = {}
    for label, *_ in STAGES:
        by_label[label] = staged["stages"].get(label, 0.0) * 1000 / count
    by_label[OTHER] = staged["total_s"] * 1000 / count - sum(by_label.values())
    return {"records": count, "total_ms": min(run["total_s"] for run in plain) * 1000 / count,
            "wall_ms": min(run["wall_s"] for run in plain) * 1000 / count,
            "staged_total_ms": staged["total_s"] * 1000 / count, "stages": by_label}


def warm_figures(projects: list[Path], rounds: int) -> list[dict]:
    """ms per record of a check with every record kept (each project's cache is left full by its cold runs):
    rounds runs of each project, taking turns (benchmark.in_turns), so a slower spell of the machine falls on
    every version alike; each figure's median, lowest and highest."""
    runs: list[list[dict]] = [[] for _ in projects]
    for index in in_turns(list(range(len(projects))), rounds):
        runs[index].append(run(projects[index], None))
    summaries = []
    for found in runs:
        count = found[0]["records"]
        cpu = sorted(result["total_s"] * 1000 / count for result in found)
        wall = sorted(result["wall_s"] * 1000 / count for result in found)
        summaries.append({"cpu": cpu, "wall": wall, "kept": min(result["reused"] for result in found), "records": count})
    return summaries


def export(ref: str, folder: Path) -> Path:
    """The project at a git ref, as files."""
    folder.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1000, help="records in the library (at least the real ones)")
    parser.add_argument("--before", metavar="GIT_REF", help="also time another version of the project, such as main, in the same run")
    parser.add_argument("--repeat", type=int, default=1, help="run the unwrapped check N times and keep the lowest totals")
    parser.add_argument("--warm", type=int, default=9, metavar="N",
                        help="then time N checks of each version with every record kept, taking turns (0: none)")
    parser.add_argument("--profile", action="store_true", help="instead, print cProfile's top entries for one cold check of this version")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        versions = [("this version", make_project(folder / "now", args.records))]
        if args.profile:
            shutil.rmtree(versions[0][1] / CACHE, ignore_errors=True)
            subprocess.run([sys.executable, "-c", _PROFILED, str(versions[0][1])], env=ENV, check=True)
            return 0
        if args.before:
            source = export(args.before, folder / "source")
            versions.insert(0, (f"before ({args.before})", make_project(folder / "before", args.records, root=source)))
        results = [(name, figures(project, max(args.repeat, 1))) for name, project in versions]
        warm = warm_figures([project for _, project in versions], args.warm) if args.warm > 0 else []
    print(f"Cold validation, ms per record over {args.records} records (fresh process, .cache/ emptied"
          + (f"; totals the lowest of {args.repeat} runs" if args.repeat > 1 else "") + "):")
    width = max(len(label) for label, *_ in STAGES + [(OTHER,)])
    print(f"{'':<{width}}  " + "  ".join(f"{name:>22}" for name, _ in results))
    print(f"{'CPU, total (unwrapped run, with workers)':<{width}}  " + "  ".join(f"{result['total_ms']:>22.2f}" for _, result in results))
    print(f"{'wall-clock, total (unwrapped run)':<{width}}  " + "  ".join(f"{result['wall_ms']:>22.2f}" for _, result in results))
    print(f"{'CPU, total (staged run, one process)':<{width}}  " + "  ".join(f"{result['staged_total_ms']:>22.2f}" for _, result in results))
    for label in dict.fromkeys([label for label, *_ in STAGES] + [OTHER]):
        print(f"{'  ' + label:<{width}}  " + "  ".join(f"{result['stages'][label]:>22.2f}" for _, result in results))
    if warm:
        print(f"\nWarm validation, ms per record: every record kept from the cold runs, {args.warm} runs of each version taking turns;"
              " median (lowest-highest):")
        for label, key in (("CPU, total", "cpu"), ("wall-clock, total", "wall")):
            cells = [f"{statistics.median(found[key]):.2f} ({found[key][0]:.2f}-{found[key][-1]:.2f})" for found in warm]
            print(f"{label:<{width}}  " + "  ".join(f"{cell:>22}" for cell in cells))
        cells = [f"{found['kept']} of {found['records']}" for found in warm]
        print(f"{'records taken from the cache (fewest)':<{width}}  " + "  ".join(f"{cell:>22}" for cell in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
