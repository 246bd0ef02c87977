from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="DeclineRequest")


@_attrs_define
class DeclineRequest:
    """Why the funder declines a change request.

    Attributes:
        reason (str): What the organisation reads: why the change is declined. Example: The fee rise exceeds the annual
            maximum fee movement.
    """

    reason: str

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

        decline_request = cls(
            reason=reason,
        )

        return decline_request
