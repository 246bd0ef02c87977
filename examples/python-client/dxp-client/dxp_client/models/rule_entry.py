from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.scope import Scope
from ..models.sdr_file import SdrFile
from ..models.severity import Severity

T = TypeVar("T", bound="RuleEntry")


@_attrs_define
class RuleEntry:
    """One rule of the catalogue as the HTTP API serves it.

    Example:
        {'code': 'CE-021', 'description': 'eftsByMonth has one value per calendar month the course spans …',
            'errorFromYear': None, 'field': 'eftsByMonth', 'file': 'course-enrolments', 'fromReturn': None, 'legacyError':
            None, 'scope': 'course-enrolments', 'severity': 'error'}

    Attributes:
        code (str): Stable rule code, e.g. `CE-021`.
        description (str): What the rule requires.
        error_from_year (int | None): From this enrolment year on (year of `courseStartDate`) a breach is an error;
            `null`
            when the severity does not depend on the year.
        field (str): The camelCase field the rule is about; `""` for the whole record, `"*"` for a rule applied
            to several fields (each problem names its field).
        file (None | SdrFile):
        from_return (None | str): The first return the rule applies to (`2025-AUG`); the records of an earlier return
            are not held to it. `null`: every return. Example: 2025-AUG.
        legacy_error (int | None): The funder's error number in the legacy STEO validation, where the rule is the same;
            `null` otherwise.
        scope (Scope): What a rule is about: the records of one file, or a process.
        severity (Severity): How serious a problem is. Errors reject a return; warnings do not.
    """

    code: str
    description: str
    error_from_year: int | None
    field: str
    file: None | SdrFile
    from_return: None | str
    legacy_error: int | None
    scope: Scope
    severity: Severity
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        description = self.description

        error_from_year: int | None
        error_from_year = self.error_from_year

        field = self.field

        file: None | str
        if isinstance(self.file, SdrFile):
            file = self.file.value
        else:
            file = self.file

        from_return: None | str
        from_return = self.from_return

        legacy_error: int | None
        legacy_error = self.legacy_error

        scope = self.scope.value

        severity = self.severity.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "description": description,
                "errorFromYear": error_from_year,
                "field": field,
                "file": file,
                "fromReturn": from_return,
                "legacyError": legacy_error,
                "scope": scope,
                "severity": severity,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        description = d.pop("description")

        def _parse_error_from_year(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        error_from_year = _parse_error_from_year(d.pop("errorFromYear"))

        field = d.pop("field")

        def _parse_file(data: object) -> None | SdrFile:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                file_type_0 = SdrFile(data)

                return file_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SdrFile, data)

        file = _parse_file(d.pop("file"))

        def _parse_from_return(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        from_return = _parse_from_return(d.pop("fromReturn"))

        def _parse_legacy_error(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        legacy_error = _parse_legacy_error(d.pop("legacyError"))

        scope = Scope(d.pop("scope"))

        severity = Severity(d.pop("severity"))

        rule_entry = cls(
            code=code,
            description=description,
            error_from_year=error_from_year,
            field=field,
            file=file,
            from_return=from_return,
            legacy_error=legacy_error,
            scope=scope,
            severity=severity,
        )

        rule_entry.additional_properties = d
        return rule_entry

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
