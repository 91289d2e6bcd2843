"""``gongkai migrate`` and ``gongkai serve``: the web app's database and its production server.

Django is set up inside the commands only, so the rest of the CLI never loads it.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

SETTINGS = "gongkai.web.settings"


def setup_django() -> Any:
    """Configure Django for the gongkai project and return its settings."""
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    import django
    from django.conf import settings

    django.setup()
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    return settings


def database_label(settings: Any) -> str:
    """Where the data lives, for people: the SQLite file, or the PostgreSQL host and database."""
    db = settings.DATABASES["default"]
    if "sqlite" in db["ENGINE"]:
        return f"SQLite {db['NAME']}"
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"PostgreSQL {host}{port}/{db['NAME']}"


def pending_migrations() -> list[str]:
    """The migrations not yet applied to the database."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{m.app_label}.{m.name}" for m, _ in plan]


@click.command()
@click.option("-q", "--quiet", is_flag=True, help="只报告结果 / print the result only")
def migrate(quiet: bool) -> None:
    """建立或升级数据库结构 / create or upgrade the database schema.

    \b
    The database is SQLite in $GONGKAI_DATA_DIR (default ./data) unless
    DATABASE_URL is set, e.g. postgres://user@127.0.0.1:5432/gongkai.

    \b
    Example:
      gongkai migrate
    """
    settings = setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0 if quiet else 1)
    click.echo(f"数据库已是最新 / database up to date: {database_label(settings)}")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址 / address to listen on")
@click.option("--port", default=8000, show_default=True, type=int, help="端口 / port")
@click.option("--threads", default=8, show_default=True, type=int, help="工作线程 / worker threads")
def serve(host: str, port: int, threads: int) -> None:
    """启动网站（waitress）/ serve the web app with a production WSGI server.

    \b
    Example:
      gongkai migrate && gongkai serve --port 8000
    """
    settings = setup_django()
    from django.core.management import call_command

    pending = pending_migrations()
    if pending:
        raise click.UsageError(
            f"数据库有 {len(pending)} 个迁移尚未执行，请先运行 gongkai migrate / "
            f"{len(pending)} migrations are not applied: run gongkai migrate first"
        )
    call_command("collectstatic", interactive=False, verbosity=0)
    from waitress import serve as waitress_serve  # type: ignore[import-untyped]

    from ..web.wsgi import application

    shown = f"[{host}]" if ":" in host else host
    click.echo(f"gongkai 网站 / web app: http://{shown}:{port}/  ({database_label(settings)})", err=True)
    click.echo("按 Ctrl+C 停止 / press Ctrl+C to stop", err=True)
    sys.stdout.flush()
    try:
        waitress_serve(application, host=host, port=port, threads=threads, ident="gongkai")
    except OSError as exc:
        raise click.ClickException(
            f"无法在 {host}:{port} 上监听（{exc.strerror}），请换一个 --port / cannot listen on {host}:{port}"
        ) from exc
