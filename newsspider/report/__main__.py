"""``python -m newsspider.report [--state-dir DIR] [--out report.html]``: write the site health dashboard."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsspider.report import dashboard


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsspider.report", description=__doc__)
    parser.add_argument("--state-dir", default="state", help="the crawls' state folder (default: state)")
    parser.add_argument("--out", default="report.html", help="HTML file to write (default: report.html)")
    parser.add_argument("--runs", type=int, default=dashboard.MAX_RUNS, help="runs per site to chart")
    args = parser.parse_args(argv)
    if not (Path(args.state_dir) / "health.sqlite3").is_file():
        print(f"newsspider.report: no site health data in {args.state_dir}", file=sys.stderr)
        return 2
    sites = dashboard.write(Path(args.state_dir), Path(args.out), runs=args.runs)
    print(f"{args.out}: {sites} sites")
    return 0


if __name__ == "__main__":
    sys.exit(main())
