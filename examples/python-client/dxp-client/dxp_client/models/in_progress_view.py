from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.submission_status import SubmissionStatus

T = TypeVar("T", bound="InProgressView")


@_attrs_define
class InProgressView:
    """The newest return being assembled.

    Attributes:
        error_count (int):
        status (SubmissionStatus): Where a submission is in its life.
        submission (str):
    """

    error_count: int
    status: SubmissionStatus
    submission: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error_count = self.error_count

        status = self.status.value

        submission = self.submission

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "errorCount": error_count,
                "status": status,
                "submission": submission,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error_count = d.pop("errorCount")

        status = SubmissionStatus(d.pop("status"))

        submission = d.pop("submission")

        in_progress_view = cls(
            error_count=error_count,
            status=status,
            submission=submission,
        )

        in_progress_view.additional_properties = d
        return in_progress_view

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
