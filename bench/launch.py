"""Run one measured command and report its wall time and ``wait4`` usage (``run_child``'s launcher).

Run as a script, never imported: ``python -I -S bench/launch.py <fd> <argv...>``. It starts the command
with the launcher's own working folder, environment and standard streams, waits for it, and writes one
line ``seconds max_rss_kib user_s system_s wait_status`` to the inherited file descriptor ``fd``.

Why a launcher: on Linux a child's ``ru_maxrss`` is never below the memory high-water mark of the
process that started it. ``exec`` records the peak RSS of the memory the child had before it (after
``vfork``/``posix_spawn`` the parent's own memory, so the parent's *peak*; after ``fork`` a copy of
the parent's pages) in the child's peak, and ``wait4`` reports the larger of the two. Started from a
bench harness that has grown to 235 MB, every child read at least 235 MB. This launcher is a fresh
interpreter with no site packages (about 9 MB): what it starts reports its own peak whenever that
is above the launcher's, which every Python or pandoc command is.
"""
import os
import signal
import sys
import time


def main(argv: list[str]) -> int:
    report, command = int(argv[0]), argv[1:]
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the command; the launcher still reports
    start = time.perf_counter()
    try:
        pid = os.posix_spawnp(command[0], command, os.environ, setsigdef=(signal.SIGINT,))
    except OSError as exc:
        print(f"bench launcher: cannot run {command[0]}: {exc}", file=sys.stderr)
        return 127
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    os.write(report, f"{seconds!r} {usage.ru_maxrss} {usage.ru_utime!r} {usage.ru_stime!r} {status}\n".encode())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
