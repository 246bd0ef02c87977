from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.submission_type import SubmissionType
from ..types import UNSET, Unset

T = TypeVar("T", bound="NewSubmission")


@_attrs_define
class NewSubmission:
    """What to open a submission for.

    Attributes:
        round_ (str): The round, e.g. `2026-APR`. Example: 2026-APR.
        organisation (int | None | Unset): The organisation's EDUMIS number: only a `tec-admin` may name one; a TEO's
            token
            decides its own. Example: 6004.
        submission_type (SubmissionType | Unset): What a submission carries.
    """

    round_: str
    organisation: int | None | Unset = UNSET
    submission_type: SubmissionType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        round_ = self.round_

        organisation: int | None | Unset
        if isinstance(self.organisation, Unset):
            organisation = UNSET
        else:
            organisation = self.organisation

        submission_type: str | Unset = UNSET
        if not isinstance(self.submission_type, Unset):
            submission_type = self.submission_type.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "round": round_,
            }
        )
        if organisation is not UNSET:
            field_dict["organisation"] = organisation
        if submission_type is not UNSET:
            field_dict["submissionType"] = submission_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        round_ = d.pop("round")

        def _parse_organisation(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        organisation = _parse_organisation(d.pop("organisation", UNSET))

        _submission_type = d.pop("submissionType", UNSET)
        submission_type: SubmissionType | Unset
        if isinstance(_submission_type, Unset):
            submission_type = UNSET
        else:
            submission_type = SubmissionType(_submission_type)

        new_submission = cls(
            round_=round_,
            organisation=organisation,
            submission_type=submission_type,
        )

        new_submission.additional_properties = d
        return new_submission

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
