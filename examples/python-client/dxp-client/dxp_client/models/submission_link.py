from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SubmissionLink")


@_attrs_define
class SubmissionLink:
    """The submission a document goes with.

    Attributes:
        submission_id (None | str | Unset): The submission's id; `null` unlinks the document.
    """

    submission_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        submission_id: None | str | Unset
        if isinstance(self.submission_id, Unset):
            submission_id = UNSET
        else:
            submission_id = self.submission_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if submission_id is not UNSET:
            field_dict["submissionId"] = submission_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_submission_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        submission_id = _parse_submission_id(d.pop("submissionId", UNSET))

        submission_link = cls(
            submission_id=submission_id,
        )

        return submission_link
