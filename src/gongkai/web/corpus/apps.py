from django.apps import AppConfig


class CorpusConfig(AppConfig):
    """Published reports of many bodies and years: import, check, compare, summarise."""

    name = "gongkai.web.corpus"
    label = "corpus"
    verbose_name = "年报库"
    default_auto_field = "django.db.models.BigAutoField"
