from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RoundFactsView")


@_attrs_define
class RoundFactsView:
    """A round's facts, as summarised when its return was lodged.

    Attributes:
        computed_at (datetime.datetime):
        efts (str): EFTS delivered in the year, every fund, to four decimal places. Example: 1234.5000.
        enrolments (int):
        learners (int):
        round_ (str): Such as `2026-DEC`.
        submission_id (str): The lodged return they come from (a resubmission replaces them).
    """

    computed_at: datetime.datetime
    efts: str
    enrolments: int
    learners: int
    round_: str
    submission_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        computed_at = self.computed_at.isoformat()

        efts = self.efts

        enrolments = self.enrolments

        learners = self.learners

        round_ = self.round_

        submission_id = self.submission_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "computedAt": computed_at,
                "efts": efts,
                "enrolments": enrolments,
                "learners": learners,
                "round": round_,
                "submissionId": submission_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        computed_at = datetime.datetime.fromisoformat(d.pop("computedAt"))

        efts = d.pop("efts")

        enrolments = d.pop("enrolments")

        learners = d.pop("learners")

        round_ = d.pop("round")

        submission_id = d.pop("submissionId")

        round_facts_view = cls(
            computed_at=computed_at,
            efts=efts,
            enrolments=enrolments,
            learners=learners,
            round_=round_,
            submission_id=submission_id,
        )

        round_facts_view.additional_properties = d
        return round_facts_view

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
