"""Template filters of the office: masked personal data."""

from django import template

from ..masking import mask_id, mask_phone
from ..workflow import EVENT_LABELS

register = template.Library()
register.filter("masked_id", mask_id)
register.filter("masked_phone", mask_phone)


@register.filter
def pairs(mapping: dict[str, object]) -> list[tuple[str, object]]:
    """``{% for k, v in event.payload|pairs %}``: safe even when a key is named ``items``."""
    return list(mapping.items())


@register.filter
def event_label(name: str) -> str:
    """The Chinese name of an event (``request_correction`` → 告知补正)."""
    return EVENT_LABELS.get(name, name)
