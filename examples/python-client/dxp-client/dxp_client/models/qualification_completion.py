from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="QualificationCompletion")


@_attrs_define
class QualificationCompletion:
    """A learner's completion of a qualification (DXP API reference §3.5). Type D learners.

    Example:
        {'localId': 'QC-2026-000001', 'nationalStudentNumber': 123456789, 'qualificationCode': 'PC4001',
            'qualificationCompletionDate': '2026-11-20T00:00:00+13:00', 'studentIdentificationCode': 'S2601234',
            'yearRequirementsMet': 2026}

    Attributes:
        local_id (str): An integrator-generated identifier for this record, unique among the submission's
            qualification completions; sending a record with the same localId again replaces it. Example: QC-2026-000001.
        national_student_number (int): National Student Number: the learner's NSI number, as on the enrolments. Example:
            123456789.
        qualification_code (str): Qualification Code: the qualification completed, a six alpha-numeric code from the SDR
            Qualifications Register, as on the enrolments. Non-formal codes (`G9999`, `GFFSSX`) are
            not reported in this file. Example: PC4001.
        student_identification_code (str): Student Identification Code: the learner's code at the TEO, as on the
            enrolments. Example: S2601234.
        year_requirements_met (int): Year Requirements Met: the year, CCYY, the learner met the qualification's
            requirements; not after the return year. Completions whose year is earlier than the
            year of the qualification's last course end date are excluded from the performance
            indicators. Example: 2026.
        ird_number (None | str | Unset): IRD Number: the learner's Inland Revenue number, for Fees Free matching; eight
            or nine
            digits, alone or grouped with hyphens as IRD prints them (`123-456-789`). Example: 049-091-850.
        linked_qualification_for_fees_free (None | str | Unset): Linked Qualification for Fees Free: when the learner's
            enrolments used another
            qualification code (an exit or expired qualification), that code: letters and digits,
            at most six. Example: PC4000.
        qualification_completion_date (datetime.datetime | None | Unset): Qualification Completion Date: the date the
            learner met the requirements; its year is
            yearRequirementsMet. Mandatory from the August 2025 return (an error when missing),
            though the schema does not require it. Example: 2026-11-20T00:00:00+13:00.
    """

    local_id: str
    national_student_number: int
    qualification_code: str
    student_identification_code: str
    year_requirements_met: int
    ird_number: None | str | Unset = UNSET
    linked_qualification_for_fees_free: None | str | Unset = UNSET
    qualification_completion_date: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        local_id = self.local_id

        national_student_number = self.national_student_number

        qualification_code = self.qualification_code

        student_identification_code = self.student_identification_code

        year_requirements_met = self.year_requirements_met

        ird_number: None | str | Unset
        if isinstance(self.ird_number, Unset):
            ird_number = UNSET
        else:
            ird_number = self.ird_number

        linked_qualification_for_fees_free: None | str | Unset
        if isinstance(self.linked_qualification_for_fees_free, Unset):
            linked_qualification_for_fees_free = UNSET
        else:
            linked_qualification_for_fees_free = self.linked_qualification_for_fees_free

        qualification_completion_date: None | str | Unset
        if isinstance(self.qualification_completion_date, Unset):
            qualification_completion_date = UNSET
        elif isinstance(self.qualification_completion_date, datetime.datetime):
            qualification_completion_date = self.qualification_completion_date.isoformat()
        else:
            qualification_completion_date = self.qualification_completion_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "localId": local_id,
                "nationalStudentNumber": national_student_number,
                "qualificationCode": qualification_code,
                "studentIdentificationCode": student_identification_code,
                "yearRequirementsMet": year_requirements_met,
            }
        )
        if ird_number is not UNSET:
            field_dict["irdNumber"] = ird_number
        if linked_qualification_for_fees_free is not UNSET:
            field_dict["linkedQualificationForFeesFree"] = linked_qualification_for_fees_free
        if qualification_completion_date is not UNSET:
            field_dict["qualificationCompletionDate"] = qualification_completion_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        local_id = d.pop("localId")

        national_student_number = d.pop("nationalStudentNumber")

        qualification_code = d.pop("qualificationCode")

        student_identification_code = d.pop("studentIdentificationCode")

        year_requirements_met = d.pop("yearRequirementsMet")

        def _parse_ird_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ird_number = _parse_ird_number(d.pop("irdNumber", UNSET))

        def _parse_linked_qualification_for_fees_free(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        linked_qualification_for_fees_free = _parse_linked_qualification_for_fees_free(
            d.pop("linkedQualificationForFeesFree", UNSET)
        )

        def _parse_qualification_completion_date(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                qualification_completion_date_type_0 = datetime.datetime.fromisoformat(data)

                return qualification_completion_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        qualification_completion_date = _parse_qualification_completion_date(
            d.pop("qualificationCompletionDate", UNSET)
        )

        qualification_completion = cls(
            local_id=local_id,
            national_student_number=national_student_number,
            qualification_code=qualification_code,
            student_identification_code=student_identification_code,
            year_requirements_met=year_requirements_met,
            ird_number=ird_number,
            linked_qualification_for_fees_free=linked_qualification_for_fees_free,
            qualification_completion_date=qualification_completion_date,
        )

        qualification_completion.additional_properties = d
        return qualification_completion

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
