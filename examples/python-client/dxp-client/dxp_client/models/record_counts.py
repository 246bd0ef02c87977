from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RecordCounts")


@_attrs_define
class RecordCounts:
    """Records held per file.

    Attributes:
        course_completions (int):
        course_enrolments (int):
        courses (int):
        efts_forecasts (int):
        learners (int):
        qualification_completions (int):
    """

    course_completions: int
    course_enrolments: int
    courses: int
    efts_forecasts: int
    learners: int
    qualification_completions: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        course_completions = self.course_completions

        course_enrolments = self.course_enrolments

        courses = self.courses

        efts_forecasts = self.efts_forecasts

        learners = self.learners

        qualification_completions = self.qualification_completions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "courseCompletions": course_completions,
                "courseEnrolments": course_enrolments,
                "courses": courses,
                "eftsForecasts": efts_forecasts,
                "learners": learners,
                "qualificationCompletions": qualification_completions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        course_completions = d.pop("courseCompletions")

        course_enrolments = d.pop("courseEnrolments")

        courses = d.pop("courses")

        efts_forecasts = d.pop("eftsForecasts")

        learners = d.pop("learners")

        qualification_completions = d.pop("qualificationCompletions")

        record_counts = cls(
            course_completions=course_completions,
            course_enrolments=course_enrolments,
            courses=courses,
            efts_forecasts=efts_forecasts,
            learners=learners,
            qualification_completions=qualification_completions,
        )

        record_counts.additional_properties = d
        return record_counts

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
