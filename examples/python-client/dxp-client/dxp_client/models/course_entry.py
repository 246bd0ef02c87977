from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CourseEntry")


@_attrs_define
class CourseEntry:
    """One entry of an organisation's course register: what the funder approved for a course from
    one year to another.

        Attributes:
            course_classification (float):  Example: 13.1.
            course_efts_factor (float):  Example: 0.125.
            course_title (str):  Example: Principles of Macroeconomics.
            credit (int):  Example: 15.
            funding_category (str):  Example: A2.
            level_on_nzqcf (int):  Example: 7.
            nzsced_field_of_study (str):  Example: 091901.
            qualification_code (str):  Example: PC4001.
            course_code (str):  Example: ECON112.
            valid_from (int): The first year the entry holds. Example: 2026.
            compulsory_course_costs_fee (float | None | Unset):  Example: 100.0.
            course_exemption_from_amfm (bool | None | Unset):  Example: False.
            course_tuition_fee (float | None | Unset):  Example: 943.5.
            valid_to (int | None | Unset): The last year the entry holds; empty: until it is changed.
    """

    course_classification: float
    course_efts_factor: float
    course_title: str
    credit: int
    funding_category: str
    level_on_nzqcf: int
    nzsced_field_of_study: str
    qualification_code: str
    course_code: str
    valid_from: int
    compulsory_course_costs_fee: float | None | Unset = UNSET
    course_exemption_from_amfm: bool | None | Unset = UNSET
    course_tuition_fee: float | None | Unset = UNSET
    valid_to: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        course_classification = self.course_classification

        course_efts_factor = self.course_efts_factor

        course_title = self.course_title

        credit = self.credit

        funding_category = self.funding_category

        level_on_nzqcf = self.level_on_nzqcf

        nzsced_field_of_study = self.nzsced_field_of_study

        qualification_code = self.qualification_code

        course_code = self.course_code

        valid_from = self.valid_from

        compulsory_course_costs_fee: float | None | Unset
        if isinstance(self.compulsory_course_costs_fee, Unset):
            compulsory_course_costs_fee = UNSET
        else:
            compulsory_course_costs_fee = self.compulsory_course_costs_fee

        course_exemption_from_amfm: bool | None | Unset
        if isinstance(self.course_exemption_from_amfm, Unset):
            course_exemption_from_amfm = UNSET
        else:
            course_exemption_from_amfm = self.course_exemption_from_amfm

        course_tuition_fee: float | None | Unset
        if isinstance(self.course_tuition_fee, Unset):
            course_tuition_fee = UNSET
        else:
            course_tuition_fee = self.course_tuition_fee

        valid_to: int | None | Unset
        if isinstance(self.valid_to, Unset):
            valid_to = UNSET
        else:
            valid_to = self.valid_to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "courseClassification": course_classification,
                "courseEftsFactor": course_efts_factor,
                "courseTitle": course_title,
                "credit": credit,
                "fundingCategory": funding_category,
                "levelOnNzqcf": level_on_nzqcf,
                "nzscedFieldOfStudy": nzsced_field_of_study,
                "qualificationCode": qualification_code,
                "courseCode": course_code,
                "validFrom": valid_from,
            }
        )
        if compulsory_course_costs_fee is not UNSET:
            field_dict["compulsoryCourseCostsFee"] = compulsory_course_costs_fee
        if course_exemption_from_amfm is not UNSET:
            field_dict["courseExemptionFromAmfm"] = course_exemption_from_amfm
        if course_tuition_fee is not UNSET:
            field_dict["courseTuitionFee"] = course_tuition_fee
        if valid_to is not UNSET:
            field_dict["validTo"] = valid_to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        course_classification = d.pop("courseClassification")

        course_efts_factor = d.pop("courseEftsFactor")

        course_title = d.pop("courseTitle")

        credit = d.pop("credit")

        funding_category = d.pop("fundingCategory")

        level_on_nzqcf = d.pop("levelOnNzqcf")

        nzsced_field_of_study = d.pop("nzscedFieldOfStudy")

        qualification_code = d.pop("qualificationCode")

        course_code = d.pop("courseCode")

        valid_from = d.pop("validFrom")

        def _parse_compulsory_course_costs_fee(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        compulsory_course_costs_fee = _parse_compulsory_course_costs_fee(d.pop("compulsoryCourseCostsFee", UNSET))

        def _parse_course_exemption_from_amfm(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        course_exemption_from_amfm = _parse_course_exemption_from_amfm(d.pop("courseExemptionFromAmfm", UNSET))

        def _parse_course_tuition_fee(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        course_tuition_fee = _parse_course_tuition_fee(d.pop("courseTuitionFee", UNSET))

        def _parse_valid_to(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        valid_to = _parse_valid_to(d.pop("validTo", UNSET))

        course_entry = cls(
            course_classification=course_classification,
            course_efts_factor=course_efts_factor,
            course_title=course_title,
            credit=credit,
            funding_category=funding_category,
            level_on_nzqcf=level_on_nzqcf,
            nzsced_field_of_study=nzsced_field_of_study,
            qualification_code=qualification_code,
            course_code=course_code,
            valid_from=valid_from,
            compulsory_course_costs_fee=compulsory_course_costs_fee,
            course_exemption_from_amfm=course_exemption_from_amfm,
            course_tuition_fee=course_tuition_fee,
            valid_to=valid_to,
        )

        course_entry.additional_properties = d
        return course_entry

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
