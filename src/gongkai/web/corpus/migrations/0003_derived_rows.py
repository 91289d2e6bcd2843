"""Store the ``derived.<id>`` fact rows (ratios such as 复议纠正率) of reports imported before they existed."""

from collections import defaultdict
from typing import Any

from django.db import migrations
from django.db.models import Exists, OuterRef


def fill(apps: Any, schema_editor: Any) -> None:
    from gongkai.web.corpus.metrics import DERIVED, derived_rows

    CellValue = apps.get_model("corpus", "CellValue")
    Report = apps.get_model("corpus", "Report")
    keys = [f"{m.value_key}{suffix}" for m in DERIVED if m.stored for suffix in ("", ".num", ".den")]
    done = CellValue.objects.filter(report_id=OuterRef("pk"), key__in=keys)
    ids = list(Report.objects.filter(~Exists(done)).order_by("pk").values_list("pk", "year"))
    for start in range(0, len(ids), 2000):
        part = dict(ids[start : start + 2000])
        values: dict[int, dict[str, Any]] = defaultdict(dict)
        for report_id, key, value in CellValue.objects.filter(report_id__in=list(part)).values_list(
            "report_id", "key", "value"
        ):
            values[report_id][key] = value
        CellValue.objects.bulk_create(
            [
                CellValue(report_id=pk, year=part[pk], key=key, value=value)
                for pk, cells in values.items()
                for key, value in derived_rows(cells)
            ],
            batch_size=5000,
        )


class Migration(migrations.Migration):
    dependencies = [("corpus", "0002_problems_first_index")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
