from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="WindowInput")


@_attrs_define
class WindowInput:
    """A span of time given by the funder.

    Attributes:
        closes_at (datetime.datetime):
        opens_at (datetime.datetime):
    """

    closes_at: datetime.datetime
    opens_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        closes_at = self.closes_at.isoformat()

        opens_at = self.opens_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "closesAt": closes_at,
                "opensAt": opens_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        closes_at = datetime.datetime.fromisoformat(d.pop("closesAt"))

        opens_at = datetime.datetime.fromisoformat(d.pop("opensAt"))

        window_input = cls(
            closes_at=closes_at,
            opens_at=opens_at,
        )

        return window_input
