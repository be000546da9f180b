"""Command line: `python -m addax_api.cli create-user ...` and `python -m addax_api.cli openapi`."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable

from addax_common.settings import Settings, get_settings


def _create_user(args: argparse.Namespace, settings: Settings) -> int:
    from pydantic import ValidationError

    from addax_api.audit.service import Actor
    from addax_api.errors import Conflict
    from addax_api.users import service
    from addax_api.users.schemas import UserCreate
    from addax_common.db import make_engine, make_session_factory

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif args.password is not None:
        password = args.password
    else:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Repeat password: "):
            print("error: the passwords differ", file=sys.stderr)
            return 2
    try:
        data = UserCreate(email=args.email, password=password, role=args.role, full_name=args.full_name)
    except ValidationError as exc:
        for error in exc.errors():
            print(f"error: {'.'.join(str(p) for p in error['loc'])}: {error['msg']}", file=sys.stderr)
        return 2
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as db:
            try:
                user = service.create_user(db, Actor(user_id=None, email="cli"), data)
            except Conflict as exc:
                print(f"error: {exc.detail}", file=sys.stderr)
                return 1
            db.commit()
    finally:
        engine.dispose()
    print(f"created {user.role.value} {user.email} (id {user.id})")
    return 0


def _openapi(args: argparse.Namespace, settings: Settings) -> int:
    from addax_api.main import create_app

    schema = create_app(settings).openapi()
    json.dump(schema, sys.stdout, indent=args.indent, sort_keys=False)
    sys.stdout.write("\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m addax_api.cli", description="AddaxAI Connect API tools")
    commands = parser.add_subparsers(dest="command", required=True)

    create = commands.add_parser("create-user", help="create a user (admin, analyst or viewer)")
    create.add_argument("--email", required=True)
    create.add_argument("--role", required=True, choices=["admin", "analyst", "viewer"])
    create.add_argument("--full-name", default=None)
    secret = create.add_mutually_exclusive_group()
    secret.add_argument("--password", help="the password (visible in the process list; prefer --password-stdin)")
    secret.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    create.set_defaults(handler=_create_user)

    openapi = commands.add_parser("openapi", help="print the OpenAPI schema as JSON")
    openapi.add_argument("--indent", type=int, default=2)
    openapi.set_defaults(handler=_openapi)
    return parser


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace, Settings], int] = args.handler
    return handler(args, settings or get_settings())


if __name__ == "__main__":
    sys.exit(main())
