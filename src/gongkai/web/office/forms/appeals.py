"""The form of a reconsideration or litigation case."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from ..models import Appeal, Application

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class AppealForm(forms.ModelForm):  # type: ignore[type-arg]  # not subscriptable at run time
    class Meta:
        model = Appeal
        fields = (
            "kind",
            "application",
            "review",
            "case_number",
            "authority",
            "filed_on",
            "decided_on",
            "outcome",
            "note",
        )
        widgets: ClassVar[dict[str, Any]] = {
            "filed_on": DATE,
            "decided_on": DATE,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, unit: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        app_field = self.fields["application"]
        review_field = self.fields["review"]
        assert isinstance(app_field, forms.ModelChoiceField) and isinstance(
            review_field, forms.ModelChoiceField
        )
        app_field.queryset = Application.objects.filter(unit=unit)
        review_field.queryset = Appeal.objects.filter(unit=unit, kind="review")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decided, filed, outcome = data.get("decided_on"), data.get("filed_on"), data.get("outcome")
        if decided and filed and decided < filed:
            self.add_error("decided_on", "审结日期不能早于立案日期")
        if outcome and outcome != "pending" and not decided:
            self.add_error("decided_on", "已审结的案件须填写审结日期")
        if decided and outcome == "pending":
            self.add_error("outcome", "已填写审结日期的案件须选择结果")
        if data.get("review") and data.get("kind") != "suit_after_review":
            self.add_error("review", "只有复议后起诉的案件关联前置复议")
        return data
