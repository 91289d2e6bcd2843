"""The public application form (Art. 29), with a honeypot against bots."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django import forms

from ...accounts.models import Unit
from ..models import Application
from ..services import APPLICANT_FIELDS


class ApplyForm(forms.ModelForm):  # type: ignore[type-arg]  # not subscriptable at run time
    """Who applies, for what, in which form; ``website`` is a trap field people never see."""

    unit = forms.ModelChoiceField(
        queryset=Unit.objects.filter(accepts_applications=True), label="向哪个机关申请", empty_label=None
    )
    token = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(required=False, label="网站（请留空）")

    class Meta:
        model = Application
        fields = ("unit", *APPLICANT_FIELDS)
        widgets: ClassVar[dict[str, Any]] = {"content": forms.Textarea(attrs={"rows": 5})}
        help_texts: ClassVar[dict[str, str]] = {
            "content": "请写明所需政府信息的名称、文号或者便于查询的其他特征性描述（第二十九条）",
            "capacity": "如：律师代理、以个人名义等（可不填）",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)
        for name in ("id_document", "id_number", "phone"):
            self.fields[name].required = True
        self.fields["id_document"].help_text = "如：居民身份证、营业执照、统一社会信用代码证"

    def clean_website(self) -> str:
        value: str = self.cleaned_data.get("website", "")
        if value:
            raise forms.ValidationError("提交被拒绝 / rejected")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("phone") or data.get("email") or data.get("address")):
            raise forms.ValidationError("请至少留下一种联系方式")
        return data


class StatusForm(forms.Form):
    receipt_no = forms.CharField(label="回执号", max_length=20)

    def clean_receipt_no(self) -> str:
        return str(self.cleaned_data["receipt_no"]).strip().upper()
