from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CorpusConfig(AppConfig):
    """Published reports of many bodies and years: import, check, compare, summarise."""

    name = "gongkai.web.corpus"
    label = "corpus"
    verbose_name = "年报库"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(_reviewer_group, sender=self)


def _reviewer_group(**_: object) -> None:
    """Make the 年报审核员 group once the permissions exist."""
    from .services import ensure_reviewer_group

    ensure_reviewer_group()
