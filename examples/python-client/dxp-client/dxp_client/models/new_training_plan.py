from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NewTrainingPlan")


@_attrs_define
class NewTrainingPlan:
    """A training plan as the TMS sends it (`POST /v1.0/training-plans`).

    Example:
        {'trainingAgreementLocalId': 'TA-1001', 'trainingPlanEndDate': '2029-02-15', 'trainingPlanLocalId': 'TP-1001',
            'trainingPlanSignedDate': '2026-02-16'}

    Attributes:
        training_agreement_local_id (str):
        training_plan_local_id (str): The TMS's id for the plan.
        training_plan_signed_date (datetime.date): On or after the agreement's signed date, not after today.
        training_plan_end_date (datetime.date | None | Unset): After the signed date, when given.
    """

    training_agreement_local_id: str
    training_plan_local_id: str
    training_plan_signed_date: datetime.date
    training_plan_end_date: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        training_agreement_local_id = self.training_agreement_local_id

        training_plan_local_id = self.training_plan_local_id

        training_plan_signed_date = self.training_plan_signed_date.isoformat()

        training_plan_end_date: None | str | Unset
        if isinstance(self.training_plan_end_date, Unset):
            training_plan_end_date = UNSET
        elif isinstance(self.training_plan_end_date, datetime.date):
            training_plan_end_date = self.training_plan_end_date.isoformat()
        else:
            training_plan_end_date = self.training_plan_end_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "trainingAgreementLocalId": training_agreement_local_id,
                "trainingPlanLocalId": training_plan_local_id,
                "trainingPlanSignedDate": training_plan_signed_date,
            }
        )
        if training_plan_end_date is not UNSET:
            field_dict["trainingPlanEndDate"] = training_plan_end_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        training_agreement_local_id = d.pop("trainingAgreementLocalId")

        training_plan_local_id = d.pop("trainingPlanLocalId")

        training_plan_signed_date = datetime.date.fromisoformat(d.pop("trainingPlanSignedDate"))

        def _parse_training_plan_end_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                training_plan_end_date_type_0 = datetime.date.fromisoformat(data)

                return training_plan_end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        training_plan_end_date = _parse_training_plan_end_date(d.pop("trainingPlanEndDate", UNSET))

        new_training_plan = cls(
            training_agreement_local_id=training_agreement_local_id,
            training_plan_local_id=training_plan_local_id,
            training_plan_signed_date=training_plan_signed_date,
            training_plan_end_date=training_plan_end_date,
        )

        new_training_plan.additional_properties = d
        return new_training_plan

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
