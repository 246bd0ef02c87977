from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Demographics")


@_attrs_define
class Demographics:
    """Who the learner is in the funder's statistics; kept current by updates.

    Example:
        {'countryOfCitizenship': 'NZL', 'disabilityStatus': 1, 'disabilitySupportNeeds': [2], 'ethnicityCodes': [211],
            'iwiCodes': []}

    Attributes:
        country_of_citizenship (str): ISO 3166-1 alpha-3 country code (`NZL`, `AUS`, …). Keep it current: the funder
            dates
            each change and does not backdate it. Example: NZL.
        disability_status (int): 1 yes, 2 no, 3 prefer not to say. Example: 2.
        ethnicity_codes (list[int]): One to six Stats NZ level 3 ethnic group codes (111 New Zealand European, 211
            Māori). Example: [111, 211].
        disability_support_needs (list[int] | Unset): The learner's support needs, up to seven codes; only when
            disabilityStatus is 1. Example: [].
        iwi_codes (list[int] | Unset): Up to three iwi codes, four digits sent as numbers (0104 Ngāpuhi is 104).
            Example: [104].
    """

    country_of_citizenship: str
    disability_status: int
    ethnicity_codes: list[int]
    disability_support_needs: list[int] | Unset = UNSET
    iwi_codes: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        country_of_citizenship = self.country_of_citizenship

        disability_status = self.disability_status

        ethnicity_codes = self.ethnicity_codes

        disability_support_needs: list[int] | Unset = UNSET
        if not isinstance(self.disability_support_needs, Unset):
            disability_support_needs = self.disability_support_needs

        iwi_codes: list[int] | Unset = UNSET
        if not isinstance(self.iwi_codes, Unset):
            iwi_codes = self.iwi_codes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "countryOfCitizenship": country_of_citizenship,
                "disabilityStatus": disability_status,
                "ethnicityCodes": ethnicity_codes,
            }
        )
        if disability_support_needs is not UNSET:
            field_dict["disabilitySupportNeeds"] = disability_support_needs
        if iwi_codes is not UNSET:
            field_dict["iwiCodes"] = iwi_codes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        country_of_citizenship = d.pop("countryOfCitizenship")

        disability_status = d.pop("disabilityStatus")

        ethnicity_codes = cast(list[int], d.pop("ethnicityCodes"))

        disability_support_needs = cast(list[int], d.pop("disabilitySupportNeeds", UNSET))

        iwi_codes = cast(list[int], d.pop("iwiCodes", UNSET))

        demographics = cls(
            country_of_citizenship=country_of_citizenship,
            disability_status=disability_status,
            ethnicity_codes=ethnicity_codes,
            disability_support_needs=disability_support_needs,
            iwi_codes=iwi_codes,
        )

        demographics.additional_properties = d
        return demographics

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
