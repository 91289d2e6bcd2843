"""The read-only JSON API (OpenAPI at /api/docs and /api/openapi.json); each app adds its router."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="gongkai API",
    version="1",
    description="政府信息公开年报库与依申请公开办理的只读接口 / read-only API of the corpus and the office",
)
api.add_router("/corpus/", "gongkai.web.corpus.api.router")
api.add_router("/office/", "gongkai.web.office.api.router")
