"""python -m modules …: migrate, create-admin, backup, seed-demo, check-content, export, calendar."""

from __future__ import annotations

import argparse
import json
import sys

from modules.settings import load_settings


def _check_content(args) -> int:
    from modules.curriculum.loader import counts, load_program

    path = args.path or load_settings().content_dir
    result = load_program(path)
    if args.json:
        print(json.dumps(counts(result), indent=2, ensure_ascii=False))
    for problem in result.problems:
        print(problem, file=sys.stderr if args.json else sys.stdout)
    if result.problems:
        print(f"{len(result.problems)} problem(s) found.", file=sys.stderr)
        return 1
    if not args.json:
        print(f"OK: {len(result.modules)} module(s), no problems.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m modules", description="Medled command line.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check-content", help="Validate the program's content files.")
    p.add_argument("path", nargs="?", help="content folder (default: MEDLED_CONTENT_DIR or ./content)")
    p.add_argument("--json", action="store_true", help="print word, section and exercise counts as JSON")
    p.set_defaults(func=_check_content)
    from modules import cli_commands, cli_distance

    cli_commands.register(sub)
    cli_distance.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a clear line, not a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
