from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="QualificationEntry")


@_attrs_define
class QualificationEntry:
    """One qualification of the national qualification register, loaded by the funder.

    Attributes:
        award_category (str): Qualification award category (QAC), two digits. Example: 21.
        credits_ (int):  Example: 60.
        level (int):  Example: 4.
        qualification_code (str):  Example: PC4001.
        title (str):  Example: New Zealand Certificate in Business (Level 4).
        dq_37_approved_from (int | None | Unset): The first year the qualification is approved for DQ3-7 funding; empty:
            not approved. Example: 2025.
    """

    award_category: str
    credits_: int
    level: int
    qualification_code: str
    title: str
    dq_37_approved_from: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        award_category = self.award_category

        credits_ = self.credits_

        level = self.level

        qualification_code = self.qualification_code

        title = self.title

        dq_37_approved_from: int | None | Unset
        if isinstance(self.dq_37_approved_from, Unset):
            dq_37_approved_from = UNSET
        else:
            dq_37_approved_from = self.dq_37_approved_from

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "awardCategory": award_category,
                "credits": credits_,
                "level": level,
                "qualificationCode": qualification_code,
                "title": title,
            }
        )
        if dq_37_approved_from is not UNSET:
            field_dict["dq37ApprovedFrom"] = dq_37_approved_from

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        award_category = d.pop("awardCategory")

        credits_ = d.pop("credits")

        level = d.pop("level")

        qualification_code = d.pop("qualificationCode")

        title = d.pop("title")

        def _parse_dq_37_approved_from(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dq_37_approved_from = _parse_dq_37_approved_from(d.pop("dq37ApprovedFrom", UNSET))

        qualification_entry = cls(
            award_category=award_category,
            credits_=credits_,
            level=level,
            qualification_code=qualification_code,
            title=title,
            dq_37_approved_from=dq_37_approved_from,
        )

        qualification_entry.additional_properties = d
        return qualification_entry

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
