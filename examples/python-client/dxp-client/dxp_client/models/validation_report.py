from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.record_problem import RecordProblem


T = TypeVar("T", bound="ValidationReport")


@_attrs_define
class ValidationReport:
    """The verdict of a dry run.

    Attributes:
        error_count (int):
        problems (list[RecordProblem]): Every problem of every record, in record order. For a CSV file, `index` is the
            line
            number in the file. At most 10,000 are listed; the counts cover them all.
        problems_truncated (bool): True when there were more problems than are listed.
        valid (bool): True when no record has an error (warnings allowed).
        warning_count (int):
    """

    error_count: int
    problems: list[RecordProblem]
    problems_truncated: bool
    valid: bool
    warning_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error_count = self.error_count

        problems = []
        for problems_item_data in self.problems:
            problems_item = problems_item_data.to_dict()
            problems.append(problems_item)

        problems_truncated = self.problems_truncated

        valid = self.valid

        warning_count = self.warning_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "errorCount": error_count,
                "problems": problems,
                "problemsTruncated": problems_truncated,
                "valid": valid,
                "warningCount": warning_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_problem import RecordProblem  # noqa: PLC0415

        d = dict(src_dict)
        error_count = d.pop("errorCount")

        problems = []
        _problems = d.pop("problems")
        for problems_item_data in _problems:
            problems_item = RecordProblem.from_dict(problems_item_data)

            problems.append(problems_item)

        problems_truncated = d.pop("problemsTruncated")

        valid = d.pop("valid")

        warning_count = d.pop("warningCount")

        validation_report = cls(
            error_count=error_count,
            problems=problems,
            problems_truncated=problems_truncated,
            valid=valid,
            warning_count=warning_count,
        )

        validation_report.additional_properties = d
        return validation_report

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
