"""How the corpus scales: import N generated reports, then time the ranking and 汇总 queries and pages.

Run against PostgreSQL (the goal: ranking and summary pages under 500 ms at 100,000 reports)::

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/gongkai_bench
    .venv/bin/python bench/corpus.py --n 100000 --reset

The reports go through the real import (parse + checks in a process pool,
bulk inserts in chunks, cross-year checks per body), generated in a second
pool as gongkai JSON: 6 years (2019–2024) per body, every 40th body a county
with the next 39 under it. ``--reset`` empties the corpus tables first; without
it the corpus must be empty. Peak memory is the maximum resident size of this
process and of its worker processes. Each query and page figure is the
median of 5 runs. The same ranking and summary are also timed straight from the
report JSON column (no fact table), to show why the fact table was chosen.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from multiprocessing import Pool
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from gongkai.cli.server import database_label, setup_django

YEARS = (2019, 2020, 2021, 2022, 2023, 2024)
GROUP = 40  # a county and the 39 bodies under it


def body_name(i: int) -> str:
    county, k = divmod(i, GROUP)
    if k == 0:
        return f"示例{county:04d}县人民政府"
    kind = "镇人民政府" if k % 3 else "局"
    return f"示例{county:04d}县第{k:02d}{kind}"


def parent_name(i: int) -> str | None:
    county, k = divmod(i, GROUP)
    return None if k == 0 else body_name(county * GROUP)


def make_doc(index: int) -> tuple[str, bytes]:
    """The ``index``-th generated report as (name, gongkai JSON)."""
    from gongkai.samples import random_report

    body, y = divmod(index, len(YEARS))
    year = YEARS[y]
    report = random_report(index, "2019" if year <= 2020 else "2021", year=year, body=body_name(body))
    return f"bench/{index:07d}.json", report.to_json(indent=None).encode()


def docs(n: int, batch: int = 2000) -> Iterator[Any]:
    """The generated documents, made a batch ahead in a second pool (memory stays bounded)."""
    from gongkai.web.corpus.importing import SourceDoc

    with Pool(2) as pool:
        pending = pool.map_async(make_doc, range(min(n, batch)), chunksize=64)
        for start in range(0, n, batch):
            ready = pending.get()
            if start + batch < n:
                pending = pool.map_async(
                    make_doc, range(start + batch, min(n, start + 2 * batch)), chunksize=64
                )
            for name, data in ready:
                yield SourceDoc.of(name, data)


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def timed(fn: Callable[[], object], runs: int = 5) -> float:
    """Median wall time of ``fn`` in milliseconds (after one warm-up run)."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def reset() -> None:
    from django.db import connection

    from gongkai.web.corpus.models import Body, ImportBatch, Source

    tables = [
        "corpus_finding",
        "corpus_correction",
        "corpus_cellvalue",
        "corpus_reportversion",
        "corpus_report",
        "corpus_source",
        "corpus_bodyalias",
        "corpus_body",
        "corpus_importbatch",
    ]
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("TRUNCATE " + ", ".join(tables) + " CASCADE")
        else:
            for model in (ImportBatch, Source, Body):
                model.objects.all().delete()


def link_parents(n_bodies: int) -> None:
    from gongkai.web.corpus.models import Body

    ids = dict(Body.objects.values_list("name", "pk"))
    changed = []
    for i in range(n_bodies):
        parent = parent_name(i)
        if parent is not None and parent in ids:
            changed.append(Body(pk=ids[body_name(i)], parent_id=ids[parent]))
    Body.objects.bulk_update(changed, ["parent"], batch_size=2000)


def json_ranking(key: str, year: int) -> list[Any]:
    """The same top 50 as the fact-table ranking, read from the report JSON column instead."""
    from django.db import connection

    if connection.vendor == "postgresql":
        sql = (
            "SELECT r.id, (v.data->'cells'->>%s)::numeric AS val FROM corpus_report r "
            "JOIN corpus_reportversion v ON v.id = r.current_version_id WHERE r.year = %s "
            "ORDER BY val DESC NULLS LAST, r.id LIMIT 50"
        )
    else:
        sql = (
            "SELECT r.id, CAST(json_extract(v.data, '$.cells.\"' || %s || '\"') AS REAL) AS val "
            "FROM corpus_report r JOIN corpus_reportversion v ON v.id = r.current_version_id "
            "WHERE r.year = %s ORDER BY val IS NULL, val DESC, r.id LIMIT 50"
        )
    with connection.cursor() as cur:
        cur.execute(sql, [key, year])
        return cur.fetchall()


def json_summary(report_ids: list[int], keys: tuple[str, ...]) -> list[Any]:
    from django.db import connection

    if connection.vendor == "postgresql":
        cols = ", ".join(f"SUM((v.data->'cells'->>'{k}')::numeric)" for k in keys)
    else:
        cols = ", ".join(f"SUM(json_extract(v.data, '$.cells.\"{k}\"'))" for k in keys)
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT {cols} FROM corpus_report r JOIN corpus_reportversion v ON v.id = r.current_version_id "
            f"WHERE r.id IN ({', '.join(['%s'] * len(report_ids))})",
            report_ids,
        )
        return cur.fetchall()


def sizes() -> list[tuple[str, str]]:
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cur:
        cur.execute(
            "SELECT relname, pg_size_pretty(pg_total_relation_size(c.oid)) FROM pg_class c "
            "WHERE relname IN "
            "('corpus_cellvalue', 'corpus_reportversion', 'corpus_source', 'corpus_finding') "
            "ORDER BY pg_total_relation_size(c.oid) DESC"
        )
        return list(cur.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="reports to import (default 100000)")
    parser.add_argument("--reset", action="store_true", help="empty the corpus tables first")
    parser.add_argument("--skip-import", action="store_true", help="only time the queries and pages")
    args = parser.parse_args()

    settings = setup_django()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from gongkai.templates import get_template
    from gongkai.web.corpus import services
    from gongkai.web.corpus.metrics import metric
    from gongkai.web.corpus.models import Body, CellValue, Report
    from gongkai.web.corpus.queries import Filters, ranking, subtree, summary

    call_command("migrate", interactive=False, verbosity=0)
    print(f"database: {database_label(settings)}")
    if args.reset:
        reset()
    n_bodies = -(-args.n // len(YEARS))
    if not args.skip_import:
        if Report.objects.exists():
            sys.exit("the corpus is not empty: use --reset (or --skip-import to time the queries only)")
        start = time.perf_counter()
        batch = services.import_documents(docs(args.n))
        link_parents(n_bodies)
        took = time.perf_counter() - start
        own, children = peak_mb()
        print(
            f"import: {batch.imported} reports ({batch.failed} failed) in {took:.0f} s "
            f"= {batch.imported / took:.0f} reports/s; peak memory {own:.0f} MB (this process), "
            f"{children:.0f} MB (largest worker)"
        )
    counts = (Report.objects.count(), Body.objects.count(), CellValue.objects.count())
    print("reports {}, bodies {}, cell values {}".format(*counts))
    for name, size in sizes():
        print(f"  {name}: {size}")

    year = 2022
    county = Body.objects.get(name=body_name(GROUP * (n_bodies // GROUP // 2)))
    print(f"queries (median of 5, year {year}, 汇总 of {county.name} with {len(subtree(county.pk))} bodies):")
    for metric_id in ("applications", "denied_share", "review_correction_rate"):
        m = metric(metric_id)
        print(f"  ranking {metric_id}: {timed(lambda m=m: ranking(m, year)):.1f} ms")
    township = Filters(level="township")
    print(
        f"  ranking within a level: {timed(lambda: ranking(metric('applications'), year, township)):.1f} ms"
    )
    print(f"  summary: {timed(lambda: summary(county, year)):.1f} ms")
    by_json = timed(lambda: json_ranking("requests.new.total", year))
    print(f"  JSON column ranking requests.new.total: {by_json:.1f} ms")
    ids = [r.pk for r in summary(county, year).included]
    keys = get_template("2021").keys
    print(f"  JSON column summary ({len(keys)} keys): {timed(lambda: json_summary(ids, keys)):.1f} ms")

    setup_test_environment()
    client = Client()
    report = Report.objects.filter(year=year).order_by("-errors").first()
    assert report is not None
    pages = {
        "ranking page": f"/compare/?metric=applications&year={year}",
        "ranking page (rate)": f"/compare/?metric=review_correction_rate&year={year}",
        "summary page": f"/summary/?parent={county.pk}&year={year}",
        "overview page": "/",
        "report page": f"/reports/{report.pk}/",
        "body page": f"/bodies/{county.pk}/",
    }
    print("pages (median of 5):")
    for label, url in pages.items():
        assert client.get(url).status_code == 200, url
        print(f"  {label}: {timed(lambda url=url: client.get(url)):.0f} ms")


if __name__ == "__main__":
    main()
