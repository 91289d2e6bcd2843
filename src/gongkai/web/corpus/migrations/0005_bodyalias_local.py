"""BodyAlias.local: the key without its region, filled for the aliases already stored."""

from typing import Any

from django.db import migrations, models


def fill_local(apps: Any, schema_editor: Any) -> None:
    from gongkai.web.corpus.names import local

    alias = apps.get_model("corpus", "BodyAlias")
    rows = list(alias.objects.only("pk", "normalized"))
    for row in rows:
        row.local = local(row.normalized)
    alias.objects.bulk_update(rows, ["local"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0004_body_updated"),
    ]

    operations = [
        migrations.AddField(
            model_name="bodyalias",
            name="local",
            field=models.CharField(db_index=True, default="", max_length=200, verbose_name="本级名称"),
        ),
        migrations.RunPython(fill_local, migrations.RunPython.noop),
    ]
