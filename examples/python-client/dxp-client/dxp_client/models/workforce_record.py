from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WorkforceRecord")


@_attrs_define
class WorkforceRecord:
    """One record of the questionnaire: the staff of one group and gender.

    Example:
        {'fullTimeEquivalent': 37.5, 'gender': 'F', 'headcount': 42, 'localId': 'WFQ-1', 'staffGroup': 'Academic'}

    Attributes:
        full_time_equivalent (float): Their full-time equivalents: more than 0, at most the headcount, at most 2
            decimals.
        gender (str): `M`, `F` or `D` (another gender).
        headcount (int): People employed in the group on 31 December.
        local_id (str): The integrator's id for the record, unique in the questionnaire.
        staff_group (str): `Academic`, `Research`, `Management` or `Support`.
    """

    full_time_equivalent: float
    gender: str
    headcount: int
    local_id: str
    staff_group: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        full_time_equivalent = self.full_time_equivalent

        gender = self.gender

        headcount = self.headcount

        local_id = self.local_id

        staff_group = self.staff_group

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "fullTimeEquivalent": full_time_equivalent,
                "gender": gender,
                "headcount": headcount,
                "localId": local_id,
                "staffGroup": staff_group,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        full_time_equivalent = d.pop("fullTimeEquivalent")

        gender = d.pop("gender")

        headcount = d.pop("headcount")

        local_id = d.pop("localId")

        staff_group = d.pop("staffGroup")

        workforce_record = cls(
            full_time_equivalent=full_time_equivalent,
            gender=gender,
            headcount=headcount,
            local_id=local_id,
            staff_group=staff_group,
        )

        workforce_record.additional_properties = d
        return workforce_record

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
