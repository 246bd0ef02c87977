from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.training_plan_details import TrainingPlanDetails
    from ..models.visit import Visit


T = TypeVar("T", bound="TrainingPlanWithVisits")


@_attrs_define
class TrainingPlanWithVisits:
    """A training plan with its visits, as the funder's W20 answers: the plan, and its visits
    beside it.

        Attributes:
            training_plan (TrainingPlanDetails): A training plan's own fields.
            visits (list[Visit]): In date order.
    """

    training_plan: TrainingPlanDetails
    visits: list[Visit]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        training_plan = self.training_plan.to_dict()

        visits = []
        for visits_item_data in self.visits:
            visits_item = visits_item_data.to_dict()
            visits.append(visits_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "trainingPlan": training_plan,
                "visits": visits,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.training_plan_details import TrainingPlanDetails  # noqa: PLC0415
        from ..models.visit import Visit  # noqa: PLC0415

        d = dict(src_dict)
        training_plan = TrainingPlanDetails.from_dict(d.pop("trainingPlan"))

        visits = []
        _visits = d.pop("visits")
        for visits_item_data in _visits:
            visits_item = Visit.from_dict(visits_item_data)

            visits.append(visits_item)

        training_plan_with_visits = cls(
            training_plan=training_plan,
            visits=visits,
        )

        training_plan_with_visits.additional_properties = d
        return training_plan_with_visits

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
