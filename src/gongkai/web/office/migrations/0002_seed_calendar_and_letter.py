"""Seed the working-day calendar from chinesecalendar and the default reply letter template."""

from pathlib import Path

from django.db import migrations

LETTER = Path(__file__).resolve().parent.parent / "templates" / "office" / "letters" / "reply_default.txt"


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    from gongkai.clock import default_calendar

    CalendarYear = apps.get_model("office", "CalendarYear")
    CalendarDay = apps.get_model("office", "CalendarDay")
    LetterTemplate = apps.get_model("office", "LetterTemplate")
    cal = default_calendar()
    have = set(CalendarYear.objects.values_list("year", flat=True))
    days = []
    for year, cy in cal.years.items():
        if year in have:
            continue
        row = CalendarYear.objects.create(year=year, source="chinesecalendar")
        days += [CalendarDay(year=row, date=d, kind="holiday", name=n) for d, n in cy.holidays.items()]
        days += [CalendarDay(year=row, date=d, kind="workday", name=n) for d, n in cy.workdays.items()]
    CalendarDay.objects.bulk_create(days)
    LetterTemplate.objects.get_or_create(
        name="默认答复书", defaults={"body": LETTER.read_text(encoding="utf-8")}
    )


class Migration(migrations.Migration):
    dependencies = [("office", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
