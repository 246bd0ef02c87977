from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CourseCompletion")


@_attrs_define
class CourseCompletion:
    """The outcome of one course enrolment (DXP API reference §3.4). Type D enrolments.

    Example:
        {'courseCode': 'ECON112', 'courseEndDate': '2026-06-26T00:00:00+12:00', 'courseStartDate':
            '2026-02-23T00:00:00+13:00', 'localId': 'CC-2026-000001', 'nationalStudentNumber': 123456789,
            'studentCourseCompletionIndicator': 2, 'studentIdentificationCode': 'S2601234'}

    Attributes:
        course_code (str): Course Code: the course's code, identical to the enrolment's and the register's. Example:
            ECON112.
        course_end_date (datetime.datetime): Course End Date: the enrolment's end date; not before the start date.
            Example: 2026-06-26T00:00:00+12:00.
        course_start_date (datetime.datetime): Course Start Date: the enrolment's start date; with the NSN and course
            code, what the
            completion is matched to its enrolment on. Example: 2026-02-23T00:00:00+13:00.
        local_id (str): An integrator-generated identifier for this record, unique among the submission's
            course completions; sending a record with the same localId again replaces it. Example: CC-2026-000001.
        national_student_number (int): National Student Number: the learner's NSI number, as on the enrolment. Example:
            123456789.
        student_course_completion_indicator (int): Student Course Completion Indicator: 0 still to complete (valid
            extension, Levels 1–8);
            2 successfully completed; 3 did not successfully complete; 4 did not complete (withdrew;
            required with source of funding 31). 1, 5, 6, 7 and 8 are also valid codes, whose
            meanings the funder has not published. Example: 2.
        student_identification_code (str): Student Identification Code: the learner's code at the TEO, as on the
            enrolment. Example: S2601234.
        pbrf_course_completion_year (int | None | Unset): PBRF Course Completion Year: for research courses counted by
            the Performance-Based
            Research Fund, the year (CCYY) the course was completed; not before the year of the
            start date. Example: 2026.
    """

    course_code: str
    course_end_date: datetime.datetime
    course_start_date: datetime.datetime
    local_id: str
    national_student_number: int
    student_course_completion_indicator: int
    student_identification_code: str
    pbrf_course_completion_year: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        course_code = self.course_code

        course_end_date = self.course_end_date.isoformat()

        course_start_date = self.course_start_date.isoformat()

        local_id = self.local_id

        national_student_number = self.national_student_number

        student_course_completion_indicator = self.student_course_completion_indicator

        student_identification_code = self.student_identification_code

        pbrf_course_completion_year: int | None | Unset
        if isinstance(self.pbrf_course_completion_year, Unset):
            pbrf_course_completion_year = UNSET
        else:
            pbrf_course_completion_year = self.pbrf_course_completion_year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "courseCode": course_code,
                "courseEndDate": course_end_date,
                "courseStartDate": course_start_date,
                "localId": local_id,
                "nationalStudentNumber": national_student_number,
                "studentCourseCompletionIndicator": student_course_completion_indicator,
                "studentIdentificationCode": student_identification_code,
            }
        )
        if pbrf_course_completion_year is not UNSET:
            field_dict["pbrfCourseCompletionYear"] = pbrf_course_completion_year

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        course_code = d.pop("courseCode")

        course_end_date = datetime.datetime.fromisoformat(d.pop("courseEndDate"))

        course_start_date = datetime.datetime.fromisoformat(d.pop("courseStartDate"))

        local_id = d.pop("localId")

        national_student_number = d.pop("nationalStudentNumber")

        student_course_completion_indicator = d.pop("studentCourseCompletionIndicator")

        student_identification_code = d.pop("studentIdentificationCode")

        def _parse_pbrf_course_completion_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        pbrf_course_completion_year = _parse_pbrf_course_completion_year(d.pop("pbrfCourseCompletionYear", UNSET))

        course_completion = cls(
            course_code=course_code,
            course_end_date=course_end_date,
            course_start_date=course_start_date,
            local_id=local_id,
            national_student_number=national_student_number,
            student_course_completion_indicator=student_course_completion_indicator,
            student_identification_code=student_identification_code,
            pbrf_course_completion_year=pbrf_course_completion_year,
        )

        course_completion.additional_properties = d
        return course_completion

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
