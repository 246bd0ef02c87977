from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgreementUpdate")


@_attrs_define
class AgreementUpdate:
    """The body of `PUT /training-agreements/{id}`: only the signed and end dates are editable;
    an absent one is kept.

        Example:
            {'endDate': '2030-06-30', 'trainingAgreementSignedDate': '2026-01-28'}

        Attributes:
            end_date (datetime.date | None | Unset):
            training_agreement_signed_date (datetime.date | None | Unset):
    """

    end_date: datetime.date | None | Unset = UNSET
    training_agreement_signed_date: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        end_date: None | str | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        elif isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        training_agreement_signed_date: None | str | Unset
        if isinstance(self.training_agreement_signed_date, Unset):
            training_agreement_signed_date = UNSET
        elif isinstance(self.training_agreement_signed_date, datetime.date):
            training_agreement_signed_date = self.training_agreement_signed_date.isoformat()
        else:
            training_agreement_signed_date = self.training_agreement_signed_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if end_date is not UNSET:
            field_dict["endDate"] = end_date
        if training_agreement_signed_date is not UNSET:
            field_dict["trainingAgreementSignedDate"] = training_agreement_signed_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_end_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.date.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        end_date = _parse_end_date(d.pop("endDate", UNSET))

        def _parse_training_agreement_signed_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                training_agreement_signed_date_type_0 = datetime.date.fromisoformat(data)

                return training_agreement_signed_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        training_agreement_signed_date = _parse_training_agreement_signed_date(
            d.pop("trainingAgreementSignedDate", UNSET)
        )

        agreement_update = cls(
            end_date=end_date,
            training_agreement_signed_date=training_agreement_signed_date,
        )

        agreement_update.additional_properties = d
        return agreement_update

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
