from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LodgedView")


@_attrs_define
class LodgedView:
    """The organisation's lodged return for a round.

    Attributes:
        late (bool):
        submission (str):
        submitted_at (datetime.datetime):
    """

    late: bool
    submission: str
    submitted_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        late = self.late

        submission = self.submission

        submitted_at = self.submitted_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "late": late,
                "submission": submission,
                "submittedAt": submitted_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        late = d.pop("late")

        submission = d.pop("submission")

        submitted_at = datetime.datetime.fromisoformat(d.pop("submittedAt"))

        lodged_view = cls(
            late=late,
            submission=submission,
            submitted_at=submitted_at,
        )

        lodged_view.additional_properties = d
        return lodged_view

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
