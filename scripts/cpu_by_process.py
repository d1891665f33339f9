"""Run a command and report the CPU time its run cost, by kind of process: where a test suite's time goes.

    python3 scripts/cpu_by_process.py make test

Every process of the machine is read from /proc twice a second while the command runs (the command's own children
and grandchildren included: Chromium's renderers, gunicorn, nginx, the xdist workers); each is counted once, by its
command line, with the CPU it used while it was seen (a process that ends between two readings loses at most its
last half second). The other processes of the machine are listed too: on a shared machine they are what the run
competed with. Linux only.
"""

import collections
import os
import subprocess
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")
KINDS = [  # (the command line contains all of these, the kind), first match wins
    (("chromium", "--type=renderer"), "Chromium renderers"),
    (("chromium", "--type=gpu"), "Chromium GPU process"),
    (("chromium",), "Chromium browser and utility processes"),
    (("playwright", "node"), "Playwright's driver (Node.js)"),
    (("exec(eval(sys.stdin.readline()))",), "pytest-xdist workers"),
    (("pytest",), "pytest (controller)"),
    (("gunicorn",), "gunicorn"),
    (("nginx",), "nginx"),
    (("manage.py",), "manage.py commands"),
    (("python", "-c"), "other Python children (settings, stacks)"),
]


def kind(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as stream:
            command = stream.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return None
    for needles, name in KINDS:
        if all(needle in command for needle in needles):
            return name
    return f"other: {command[:70]}" if command else "other: kernel threads"


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as stream:
            fields = stream.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def main(command):
    before = {pid: cpu_seconds(pid) for pid in os.listdir("/proc") if pid.isdigit()}
    started = time.monotonic()
    process = subprocess.Popen(command)  # noqa: S603 - the command the user typed
    seen = {}
    while process.poll() is None:
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            used = cpu_seconds(pid)
            if used is None:
                continue
            if pid not in seen:
                name = kind(pid)
                if name is None:
                    continue
                seen[pid] = [name, before.get(pid) or 0.0, used]
            seen[pid][2] = used
        time.sleep(0.5)
    wall = time.monotonic() - started
    totals = collections.Counter()
    for name, first, last in seen.values():
        totals[name] += last - first
    print(f"\n{wall:.0f} s wall, {sum(totals.values()):.0f} s of CPU in all, by kind of process:")
    for name, seconds in totals.most_common():
        if seconds >= 1:
            print(f"{seconds:8.1f} s  {name}")
    return process.returncode


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
