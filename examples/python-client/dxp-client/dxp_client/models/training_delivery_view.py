from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TrainingDeliveryView")


@_attrs_define
class TrainingDeliveryView:
    """Work-based delivery of one mode of delivery in a year, from the work-based store.

    Attributes:
        mode_of_delivery_code (int): 24 work-based, 25 pathway to work, 26 assessment and verification.
        stm (str): Standard training measures of the whole year as the enrolments stand (a programme's
            credits spread evenly over its nominal duration; 120 credits a year is 1 STM). Example: 12.5000.
        to_date_stm (str): STMs of the months to the day they were worked out.
        unrated_fields_of_study (list[str]): Fields of study with STMs but no rate: their STMs are not in the value.
        band (None | str | Unset): Modes 25 and 26: `Under`, `Within`, `Over` against their own commitment's allocation;
            `null` for mode 24, whose value is in the DQ3-7 `deliveredValue`, or without rates and
            an allocation.
        value (None | str | Unset): Their value in dollars at the year's rates for the mode (each NZSCED field of study
            through its subject grouping); `null` without rates.
    """

    mode_of_delivery_code: int
    stm: str
    to_date_stm: str
    unrated_fields_of_study: list[str]
    band: None | str | Unset = UNSET
    value: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mode_of_delivery_code = self.mode_of_delivery_code

        stm = self.stm

        to_date_stm = self.to_date_stm

        unrated_fields_of_study = self.unrated_fields_of_study

        band: None | str | Unset
        if isinstance(self.band, Unset):
            band = UNSET
        else:
            band = self.band

        value: None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "modeOfDeliveryCode": mode_of_delivery_code,
                "stm": stm,
                "toDateStm": to_date_stm,
                "unratedFieldsOfStudy": unrated_fields_of_study,
            }
        )
        if band is not UNSET:
            field_dict["band"] = band
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mode_of_delivery_code = d.pop("modeOfDeliveryCode")

        stm = d.pop("stm")

        to_date_stm = d.pop("toDateStm")

        unrated_fields_of_study = cast(list[str], d.pop("unratedFieldsOfStudy"))

        def _parse_band(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        band = _parse_band(d.pop("band", UNSET))

        def _parse_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        training_delivery_view = cls(
            mode_of_delivery_code=mode_of_delivery_code,
            stm=stm,
            to_date_stm=to_date_stm,
            unrated_fields_of_study=unrated_fields_of_study,
            band=band,
            value=value,
        )

        training_delivery_view.additional_properties = d
        return training_delivery_view

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
