"""JSON responses through orjson.

A seat map is some 1,500 objects; the standard library's encoder spends
longer on it than the database does. orjson writes the same documents
(keys sorted, dates and decimals handed to Flask's own conversions) about
ten times faster. Anything orjson refuses, such as integers beyond 64 bits,
goes through Flask's encoder as before.
"""

from typing import Any

import orjson
from flask.json.provider import DefaultJSONProvider

OPTIONS = (
    orjson.OPT_SORT_KEYS
    | orjson.OPT_NON_STR_KEYS
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_DATACLASS
)


class OrjsonProvider(DefaultJSONProvider):
    def dumps(self, obj: Any, **kwargs: Any) -> str:
        if kwargs.get("indent") is None:
            try:
                return orjson.dumps(obj, default=self.default, option=OPTIONS).decode()
            except (TypeError, orjson.JSONEncodeError):
                pass
        return super().dumps(obj, **kwargs)
