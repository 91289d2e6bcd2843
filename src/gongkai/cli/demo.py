"""``gongkai demo``: the main job end to end on example data the project makes itself.

1. Renders a consistent sample report in every format and reads the HTML and
   DOCX back, showing the round trip is lossless.
2. Checks a deliberately inconsistent report and shows where it breaks.
3. Sets up the web app on the embedded SQLite database, loads the example
   corpus and the example office, and serves it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..checks import run_checks
from ..model import Report, Severity
from ..render import FORMATS, render
from ..samples import random_report

SAMPLE_BODY = "青山县人民政府办公室"
BROKEN_BODY = "白沙镇人民政府"


def broken_report() -> Report:
    """A 2019-template report with the classic mistakes: a wrong 总计 and a township with 规章."""
    report = random_report(20200, "2019", year=2020, body=BROKEN_BODY)
    total = report.value("requests.total.natural")
    report.set("requests.total.natural", int(total or 0) + 6)
    report.set("active.rules.made", 3)
    report.set("requests.granted.commercial", None)
    return report


def showcase(out: Path, console: Console) -> bool:
    """Render, read back and check the example reports; True when the round trip was lossless."""
    from ..reader import read

    out.mkdir(parents=True, exist_ok=True)
    sample = random_report(2024, "2021", year=2024, body=SAMPLE_BODY)
    console.rule("1. 按官方格式输出示例年报 / render a sample report in every format")
    for fmt in FORMATS:
        path = out / f"sample.{fmt}"
        path.write_bytes(render(sample, fmt))
        console.print(f"  {fmt:5} → {path}")
    lossless = True
    for fmt in ("html", "docx", "md"):
        back = read(out / f"sample.{fmt}")
        same = back.values() == sample.values() and back.meta.year == sample.meta.year
        lossless &= same
        verdict = "一致 / identical" if same else "不一致 / DIFFERENT"
        console.print(f"  读回 / read back sample.{fmt}: {verdict}")

    console.rule("2. 检查一份有错误的年报 / check a report with mistakes")
    broken = broken_report()
    findings = run_checks(broken)
    (out / "broken.json").write_text(broken.to_json(), encoding="utf-8")
    (out / "broken.html").write_bytes(render(broken, "html", findings=findings))
    table = Table("级别", "代码 code", "说明 message", show_lines=True, expand=True)
    for f in findings:
        if f.severity is not Severity.INFO:
            table.add_row(f.severity.value, f.code, f.message)
    console.print(table)
    console.print(f"  问题单元格已标出 / problem cells highlighted: {out / 'broken.html'}")
    return lossless


@click.command()
@click.option(
    "--out",
    default="out/demo",
    show_default=True,
    type=click.Path(path_type=Path),
    help="示例输出目录 / where the example outputs go",
)
@click.option(
    "--web/--no-web",
    default=True,
    show_default=True,
    help="加载示例数据并启动网站 / load the example data and start the web app",
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.pass_context
def demo(ctx: click.Context, out: Path, web: bool, host: str, port: int) -> None:
    """演示：生成、读回、检查示例年报，并启动带示例数据的网站 / the whole job on example data.

    \b
    Example:
      gongkai demo              # everything, then serves http://127.0.0.1:8000/
      gongkai demo --no-web     # only the report tools, no database
    """
    console = Console(stderr=True)
    lossless = showcase(out, console)
    if not lossless:
        raise click.ClickException("示例年报读回不一致 / the sample report did not read back identically")
    if not web:
        return
    from .server import serve, setup_django

    setup_django()
    from django.core.management import call_command

    from ..web.corpus.demo import load_demo as load_corpus
    from ..web.office.demo import load_demo as load_office

    console.rule("3. 网站与示例数据 / the web app with example data")
    call_command("migrate", interactive=False, verbosity=0)
    load_corpus(stdout=sys.stderr)
    load_office(stdout=sys.stderr)
    ctx.invoke(serve, host=host, port=port, threads=8)
