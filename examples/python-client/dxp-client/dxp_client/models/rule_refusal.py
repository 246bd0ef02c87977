from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RuleRefusal")


@_attrs_define
class RuleRefusal:
    """A business rule that refuses a work-based request.

    Example:
        {'field': 'pauseDate', 'message': 'pauseDate 2026-12-03 is after today (2026-12-02)', 'rule': 'WB-031'}

    Attributes:
        field (str): The field path of the request; `""` for the request as a whole.
        message (str):
        rule (str): The rule's code in the catalogue (`GET /api/v1/validation/rules`).
    """

    field: str
    message: str
    rule: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        message = self.message

        rule = self.rule

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "field": field,
                "message": message,
                "rule": rule,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = d.pop("field")

        message = d.pop("message")

        rule = d.pop("rule")

        rule_refusal = cls(
            field=field,
            message=message,
            rule=rule,
        )

        rule_refusal.additional_properties = d
        return rule_refusal

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
