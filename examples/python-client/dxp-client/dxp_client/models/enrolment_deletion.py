from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EnrolmentDeletion")


@_attrs_define
class EnrolmentDeletion:
    """Deleting an enrolment (`DELETE /v1.0/enrolments/{enrolmentLocalId}` with a JSON body).

    Example:
        {'deletionDate': '2026-03-02', 'deletionReason': 'IE'}

    Attributes:
        deletion_date (datetime.date): Between the enrolment date and today.
        deletion_reason (str): `ID` wrong participation start date, `IE` invalid enrolment, `IS` wrong status in DXP,
            `OT` other.
    """

    deletion_date: datetime.date
    deletion_reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        deletion_date = self.deletion_date.isoformat()

        deletion_reason = self.deletion_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "deletionDate": deletion_date,
                "deletionReason": deletion_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        deletion_date = datetime.date.fromisoformat(d.pop("deletionDate"))

        deletion_reason = d.pop("deletionReason")

        enrolment_deletion = cls(
            deletion_date=deletion_date,
            deletion_reason=deletion_reason,
        )

        enrolment_deletion.additional_properties = d
        return enrolment_deletion

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
