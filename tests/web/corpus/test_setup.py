"""Migrations without drift, the demo data, and ``gongkai serve`` answering over HTTP."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.web.corpus.models import Body, Report


@pytest.mark.django_db
def test_models_and_migrations_agree() -> None:
    call_command("makemigrations", "corpus", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_migration_0005_fills_the_local_name_of_stored_aliases() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("corpus", "0004_body_updated")])
    old = executor.loader.project_state([("corpus", "0004_body_updated")]).apps
    body = old.get_model("corpus", "Body").objects.create(
        name="宁波市江北区慈城镇人民政府", normalized="宁波市江北区慈城镇"
    )
    old.get_model("corpus", "BodyAlias").objects.create(body=body, name=body.name, normalized=body.normalized)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    from gongkai.web.corpus.models import BodyAlias

    assert BodyAlias.objects.get().local == "慈城镇"


@pytest.mark.django_db
def test_demo_loads_a_county_and_is_idempotent() -> None:
    from django.contrib.auth.models import User

    from gongkai.web.corpus.demo import CHILDREN, COUNTY, load_demo

    out = io.StringIO()
    load_demo(out)
    reports = Report.objects.count()
    load_demo(io.StringIO())
    assert Report.objects.count() == reports >= 27
    county = Body.objects.get(name=COUNTY)
    assert county.children.count() == len(CHILDREN)
    assert Report.objects.filter(errors__gt=0).exists()
    assert "demo / gongkai-demo" in out.getvalue()
    assert User.objects.get(username="demo").is_superuser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_migrate_then_serve_answers_with_pages_and_static_files(tmp_path: Path) -> None:
    env = {**os.environ, "GONGKAI_DATA_DIR": str(tmp_path), "DATABASE_URL": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    run = [sys.executable, "-c", "import sys; from gongkai.cli.server import {0}; {0}.main(sys.argv[1:])"]
    done = subprocess.run(
        [*[a.format("migrate") for a in run], "-q"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert str(tmp_path / "gongkai.sqlite3") in done.stdout
    port = _free_port()
    server = subprocess.Popen([*[a.format("serve") for a in run], "--port", str(port)], env=env)
    try:
        page = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    page = response.read().decode()
                break
            except OSError:
                time.sleep(0.2)
        assert "政府信息公开工作年度报告库" in page
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/corpus/charts.js", timeout=5
        ) as response:
            assert b"echarts" in response.read()
    finally:
        server.terminate()
        server.wait(timeout=10)
