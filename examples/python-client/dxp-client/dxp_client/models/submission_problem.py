from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sdr_file import SdrFile
from ..models.severity import Severity
from ..types import UNSET, Unset

T = TypeVar("T", bound="SubmissionProblem")


@_attrs_define
class SubmissionProblem:
    """One problem of a stored submission.

    Attributes:
        field (str): The camelCase field; `""` for the record as a whole.
        file (SdrFile): One file of the SDR. The serialised name is the path segment the API uses for it.
        id (int): Increasing; the paging cursor.
        local_id (str): The record the problem is about.
        message (str):
        rule (str): The rule's code in the catalogue.
        severity (Severity): How serious a problem is. Errors reject a return; warnings do not.
        student_identification_code (None | str | Unset): The learner's code in the organisation's system, when the
            record has one.
    """

    field: str
    file: SdrFile
    id: int
    local_id: str
    message: str
    rule: str
    severity: Severity
    student_identification_code: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        file = self.file.value

        id = self.id

        local_id = self.local_id

        message = self.message

        rule = self.rule

        severity = self.severity.value

        student_identification_code: None | str | Unset
        if isinstance(self.student_identification_code, Unset):
            student_identification_code = UNSET
        else:
            student_identification_code = self.student_identification_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "field": field,
                "file": file,
                "id": id,
                "localId": local_id,
                "message": message,
                "rule": rule,
                "severity": severity,
            }
        )
        if student_identification_code is not UNSET:
            field_dict["studentIdentificationCode"] = student_identification_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = d.pop("field")

        file = SdrFile(d.pop("file"))

        id = d.pop("id")

        local_id = d.pop("localId")

        message = d.pop("message")

        rule = d.pop("rule")

        severity = Severity(d.pop("severity"))

        def _parse_student_identification_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        student_identification_code = _parse_student_identification_code(d.pop("studentIdentificationCode", UNSET))

        submission_problem = cls(
            field=field,
            file=file,
            id=id,
            local_id=local_id,
            message=message,
            rule=rule,
            severity=severity,
            student_identification_code=student_identification_code,
        )

        submission_problem.additional_properties = d
        return submission_problem

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
