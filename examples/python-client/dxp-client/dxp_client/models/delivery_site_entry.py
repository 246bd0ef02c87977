from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DeliverySiteEntry")


@_attrs_define
class DeliverySiteEntry:
    """One delivery site of an organisation's delivery-site register.

    Attributes:
        active_from (int):  Example: 2020.
        address (str):  Example: 2 Lakewood Court, Manukau, Auckland 2104.
        name (str):  Example: Manukau campus.
        site_code (str): The code enrolments give as `courseDeliverySite`: 01 to 96, or one or two letters (or a
            letter and a digit). Example: 02.
        active_to (int | None | Unset): The last year the site is active; empty: still active.
    """

    active_from: int
    address: str
    name: str
    site_code: str
    active_to: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active_from = self.active_from

        address = self.address

        name = self.name

        site_code = self.site_code

        active_to: int | None | Unset
        if isinstance(self.active_to, Unset):
            active_to = UNSET
        else:
            active_to = self.active_to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "activeFrom": active_from,
                "address": address,
                "name": name,
                "siteCode": site_code,
            }
        )
        if active_to is not UNSET:
            field_dict["activeTo"] = active_to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active_from = d.pop("activeFrom")

        address = d.pop("address")

        name = d.pop("name")

        site_code = d.pop("siteCode")

        def _parse_active_to(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        active_to = _parse_active_to(d.pop("activeTo", UNSET))

        delivery_site_entry = cls(
            active_from=active_from,
            address=address,
            name=name,
            site_code=site_code,
            active_to=active_to,
        )

        delivery_site_entry.additional_properties = d
        return delivery_site_entry

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
