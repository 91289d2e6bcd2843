"""Template filters of the office: masked personal data."""

from django import template

from ..masking import mask_id, mask_phone

register = template.Library()
register.filter("masked_id", mask_id)
register.filter("masked_phone", mask_phone)
