"""Times CLI commands as whole processes, the build under test beside a
baseline build, alternating, and prints the median wall time, the peak
resident memory (GNU time's %M) and the ratio. Used by bench-cli.sh."""

import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

work, runs = Path(sys.argv[1]), int(sys.argv[2])
builds = {"baseline": (work / "claimtrail-base", work / "base.sqlite3"), "now": (work / "claimtrail-now", work / "now.sqlite3")}


def run(build, args):
    binary, db = builds[build]
    args = [a.replace("{n}", str(random.random())) for a in args]
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", str(binary), "--db", str(db), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    wall = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        sys.exit(f"{build} {' '.join(args)}: {done.stderr}")
    return wall, int(done.stderr.strip().splitlines()[-1]) / 1024


listed = subprocess.run(
    [str(builds["now"][0]), "--db", str(builds["now"][1]), "list", "--limit", "1", "--json"],
    capture_output=True,
    text=True,
    check=True,
)
claim = json.loads(listed.stdout)[0]["id"]
commands = [
    ("list", ["list"], 50),
    ("list --search", ["list", "--search", "river"], 50),
    ("show", ["show", claim], 50),
    ("trace", ["trace", claim], 100),
    ("actors (first page)", ["actors"], 50),
    ("status", ["status", claim, "--set", "contested", "--reason", "bench", "--author", "bench"], 50),
    ("note", ["note", claim, "bench note", "--author", "bench"], None),
    ("tag", ["tag", claim, "bench", "--author", "bench"], None),
    ("log", ["log", "--claim", "bench claim {n}", "--by", "Bench Speaker", "--new-actor"], None),
]
print(f"{'command':<20} {'baseline':>24} {'now':>24}  ratio  target")
for label, args, target in commands:
    measured = {"baseline": [], "now": []}
    for _ in range(runs):
        for build in measured:
            measured[build].append(run(build, args))
    cells = []
    for build in ("baseline", "now"):
        walls = [w for w, _ in measured[build]]
        cells.append(f"{statistics.median(walls):8.1f} ms {max(m for _, m in measured[build]):5.0f} MB")
    ratio = statistics.median(w for w, _ in measured["baseline"]) / statistics.median(w for w, _ in measured["now"])
    goal = f"<= {target} ms" if target else "-"
    print(f"{label:<20} {cells[0]:>24} {cells[1]:>24}  {ratio:5.1f}x  {goal}")
