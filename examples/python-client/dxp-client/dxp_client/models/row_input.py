from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.row_input_values import RowInputValues


T = TypeVar("T", bound="RowInput")


@_attrs_define
class RowInput:
    """A row's values by column name: text, or numbers for the numeric columns. Computed columns
    sent are ignored.

        Example:
            {'values': {'courseTitle': 'Te reo for whānau', 'hoursPerLearner': '12.50', 'numberOfLearners': 20,
                'priorityProvision1': 'TEREO', 'regionOfDelivery': 'Otago', 'targetPriorityGroup': 'MAORI'}}

        Attributes:
            values (RowInputValues):
    """

    values: RowInputValues

    def to_dict(self) -> dict[str, Any]:
        values = self.values.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "values": values,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.row_input_values import RowInputValues  # noqa: PLC0415

        d = dict(src_dict)
        values = RowInputValues.from_dict(d.pop("values"))

        row_input = cls(
            values=values,
        )

        return row_input
