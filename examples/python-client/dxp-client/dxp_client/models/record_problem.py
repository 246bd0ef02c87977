from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.severity import Severity

T = TypeVar("T", bound="RecordProblem")


@_attrs_define
class RecordProblem:
    """One problem found in one record. Named `RecordProblem` in the OpenAPI document, apart from
    the RFC 9457 `Problem` of an error response.

        Example:
            {'field': 'eftsByMonth', 'index': 3, 'localId': 'A-17', 'message': 'eftsByMonth has 3 values but the course runs
                4 months, Feb–May 2026; give one value per calendar month from the start month to the end month', 'rule':
                'CE-021', 'severity': 'error'}

        Attributes:
            field (str): The camelCase field the problem is about; `""` for the record as a whole.
            index (int): Position of the record in the request's `records` array, from 0; for a CSV file, its
                line number in the file (the header is line 1).
            local_id (None | str): The record's `localId`, when it could be read (always present, `null` otherwise).
            message (str): What is wrong, naming the value found and what was expected.
            rule (str): The code of the rule broken, from the rule catalogue (e.g. `CE-021`).
            severity (Severity): How serious a problem is. Errors reject a return; warnings do not.
    """

    field: str
    index: int
    local_id: None | str
    message: str
    rule: str
    severity: Severity
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        index = self.index

        local_id: None | str
        local_id = self.local_id

        message = self.message

        rule = self.rule

        severity = self.severity.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "field": field,
                "index": index,
                "localId": local_id,
                "message": message,
                "rule": rule,
                "severity": severity,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = d.pop("field")

        index = d.pop("index")

        def _parse_local_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        local_id = _parse_local_id(d.pop("localId"))

        message = d.pop("message")

        rule = d.pop("rule")

        severity = Severity(d.pop("severity"))

        record_problem = cls(
            field=field,
            index=index,
            local_id=local_id,
            message=message,
            rule=rule,
            severity=severity,
        )

        record_problem.additional_properties = d
        return record_problem

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
