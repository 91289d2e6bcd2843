"""Forms of the corpus pages: filters, ranking, summary, a correction, body edits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from ....templates import all_keys
from .. import metrics
from ..models import Body, Level
from ..queries import Filters


class FilterForm(forms.Form):
    """Which reports to show or export."""

    year = forms.IntegerField(label="年度", required=False, min_value=2008, max_value=2100)
    level = forms.ChoiceField(label="层级", required=False, choices=[("", "全部"), *Level.choices])
    template = forms.ChoiceField(
        label="模板",
        required=False,
        choices=[("", "全部"), ("2019", "2019 版"), ("2021", "2021 版"), ("legacy", "2019 年以前")],
    )
    body = forms.CharField(label="机关名称", required=False, max_length=100)

    def filters(self) -> Filters:
        data: dict[str, Any] = self.cleaned_data if self.is_valid() else {}
        return Filters(
            year=data.get("year"),
            level=data.get("level") or None,
            template=data.get("template") or None,
            body=(data.get("body") or "").strip() or None,
        )


class RankingForm(forms.Form):
    """A metric and a year to rank bodies by."""

    metric = forms.ChoiceField(label="指标", choices=metrics.choices, initial="applications")
    year = forms.TypedChoiceField(label="年度", coerce=int)
    level = forms.ChoiceField(label="层级", required=False, choices=[("", "全部"), *Level.choices])
    order = forms.ChoiceField(
        label="排序", choices=[("desc", "从高到低"), ("asc", "从低到高")], initial="desc", required=False
    )
    hide_small = forms.BooleanField(label="隐藏样本小的机关", required=False)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, f"{y} 年度") for y in years]  # type: ignore[attr-defined]


class SummaryForm(forms.Form):
    """A parent body and a year to sum."""

    parent = forms.TypedChoiceField(label="汇总单位", coerce=int)
    year = forms.TypedChoiceField(label="年度", coerce=int)

    def __init__(self, *args: Any, parents: Sequence[Body], years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [(b.pk, f"{b.name}（{b.get_level_display()}）") for b in parents]  # type: ignore[attr-defined]
        self.fields["year"].choices = [(y, f"{y} 年度") for y in years]  # type: ignore[attr-defined]


class CorrectionForm(forms.Form):
    """A reviewer's new value for one cell, with the reason."""

    key = forms.ChoiceField(
        label="单元格（点击表格中的数字选择）",
        choices=[(k, k) for k in all_keys()],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    value = forms.DecimalField(
        label="更正后的值（留空表示空白）", required=False, max_digits=20, decimal_places=4
    )
    reason = forms.CharField(label="更正理由", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class LevelForm(forms.Form):
    level = forms.ChoiceField(label="层级", choices=Level.choices)


class BodyNameForm(forms.Form):
    """Another body, by any of its names (for re-parenting and merging)."""

    name = forms.CharField(label="机关名称", max_length=200, required=False)
