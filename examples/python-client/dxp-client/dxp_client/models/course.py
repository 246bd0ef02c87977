from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Course")


@_attrs_define
class Course:
    """One course of the TEO's course register (DXP API reference §3.2).

    Example:
        {'compulsoryCourseCostsFee': 100.0, 'courseClassification': 13.1, 'courseCode': 'ECON112', 'courseEftsFactor':
            0.125, 'courseExemptionFromAmfm': False, 'courseTitle': 'Principles of Macroeconomics', 'courseTuitionFee':
            943.5, 'credit': 15, 'fundingCategory': 'A2', 'levelOnNzqcf': 7, 'localId': 'CRS-ECON112', 'nzscedFieldOfStudy':
            '091901', 'pbrfEligibleCourseIndicator': False, 'qualificationCode': 'PC4001'}

    Attributes:
        course_classification (float): Course Classification: the subject classification of the course, Numeric(3,1): 0
            to
            99.9 with at most one decimal place. Example: 13.1.
        course_code (str): Course Code: the TEO's internal code for the course, the same whatever the period,
            location or year it is taught, and identical to the code on its enrolments. Alpha-numeric;
            should contain no dates or years (e.g. `ECON112`). One register record per code. Example: ECON112.
        course_efts_factor (float): Course EFTS Factor: the share of the qualification's total EFTS the course
            represents,
            Numeric(1,4): 0 to 9.9999 with at most four decimal places. Enrolments in the course
            report the same factor. Example: 0.125.
        course_title (str): Course Title: the title of the course as the TEO publishes it. Example: Principles of
            Macroeconomics.
        credit (int): Credit: the course's credit value, 0 to 999 (one credit is ten notional learning hours). Example:
            15.
        funding_category (str): Funding Category: the course's funding category, letters and digits, from the funding
            categories classification (DXP Data Classifications Appendices). Example: A2.
        level_on_nzqcf (int): Level on NZQCF: the course's level on the New Zealand Qualifications and Credentials
            Framework, 1 to 10. Example: 7.
        local_id (str): An integrator-generated identifier for this record, unique among the submission's
            courses; sending a record with the same localId again replaces it. Example: CRS-ECON112.
        nzsced_field_of_study (str): NZSCED Field of Study: the course's field in the New Zealand Standard
            Classification of
            Education, digits only (e.g. `091901`). Example: 091901.
        qualification_code (str): Qualification Code: the qualification the course is approved for, a six alpha-numeric
            code from the SDR Qualifications Register. Non-formal education (TEIs only): `G9999` for
            courses of 40 teaching hours or less, `GFFSSX` (G, field, sub-field, digit, e.g.
            `G48017`) for longer ones. Example: PC4001.
        compulsory_course_costs_fee (float | None | Unset): Compulsory Course Costs Fee: in dollars including GST,
            Numeric(8,2). Example: 100.0.
        course_exemption_from_amfm (bool | None | Unset): Course Exemption from AMFM: `true` if the course is exempt
            from the Annual Maximum Fee
            Movement. Example: False.
        course_tuition_fee (float | None | Unset): Course Tuition Fee: in dollars including GST, Numeric(8,2): 0 to
            999999.99. Example: 943.5.
        discounted_compulsory_course_costs_fee (float | None | Unset): Discounted Compulsory Course Costs Fee: in
            dollars including GST, Numeric(8,2);
            checked only when given, and not above compulsoryCourseCostsFee. Example: 90.0.
        discounted_course_tuition_fee (float | None | Unset): Discounted Course Tuition Fee: in dollars including GST,
            Numeric(8,2); checked only
            when given, and not above courseTuitionFee. Example: 850.0.
        learning_hours (float | None | Unset): Learning Hours: the notional learning hours of the course; not negative.
            Added in
            August 2025. Example: 150.0.
        pbrf_eligible_course_indicator (bool | None | Unset): PBRF Eligible Course Indicator: `true` if the course is
            eligible for the
            Performance-Based Research Fund. Example: False.
        volume_research_factor (float | None | Unset): Volume Research Factor: added in August 2025; not negative.
            Example: 0.0.
    """

    course_classification: float
    course_code: str
    course_efts_factor: float
    course_title: str
    credit: int
    funding_category: str
    level_on_nzqcf: int
    local_id: str
    nzsced_field_of_study: str
    qualification_code: str
    compulsory_course_costs_fee: float | None | Unset = UNSET
    course_exemption_from_amfm: bool | None | Unset = UNSET
    course_tuition_fee: float | None | Unset = UNSET
    discounted_compulsory_course_costs_fee: float | None | Unset = UNSET
    discounted_course_tuition_fee: float | None | Unset = UNSET
    learning_hours: float | None | Unset = UNSET
    pbrf_eligible_course_indicator: bool | None | Unset = UNSET
    volume_research_factor: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        course_classification = self.course_classification

        course_code = self.course_code

        course_efts_factor = self.course_efts_factor

        course_title = self.course_title

        credit = self.credit

        funding_category = self.funding_category

        level_on_nzqcf = self.level_on_nzqcf

        local_id = self.local_id

        nzsced_field_of_study = self.nzsced_field_of_study

        qualification_code = self.qualification_code

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

        discounted_compulsory_course_costs_fee: float | None | Unset
        if isinstance(self.discounted_compulsory_course_costs_fee, Unset):
            discounted_compulsory_course_costs_fee = UNSET
        else:
            discounted_compulsory_course_costs_fee = self.discounted_compulsory_course_costs_fee

        discounted_course_tuition_fee: float | None | Unset
        if isinstance(self.discounted_course_tuition_fee, Unset):
            discounted_course_tuition_fee = UNSET
        else:
            discounted_course_tuition_fee = self.discounted_course_tuition_fee

        learning_hours: float | None | Unset
        if isinstance(self.learning_hours, Unset):
            learning_hours = UNSET
        else:
            learning_hours = self.learning_hours

        pbrf_eligible_course_indicator: bool | None | Unset
        if isinstance(self.pbrf_eligible_course_indicator, Unset):
            pbrf_eligible_course_indicator = UNSET
        else:
            pbrf_eligible_course_indicator = self.pbrf_eligible_course_indicator

        volume_research_factor: float | None | Unset
        if isinstance(self.volume_research_factor, Unset):
            volume_research_factor = UNSET
        else:
            volume_research_factor = self.volume_research_factor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "courseClassification": course_classification,
                "courseCode": course_code,
                "courseEftsFactor": course_efts_factor,
                "courseTitle": course_title,
                "credit": credit,
                "fundingCategory": funding_category,
                "levelOnNzqcf": level_on_nzqcf,
                "localId": local_id,
                "nzscedFieldOfStudy": nzsced_field_of_study,
                "qualificationCode": qualification_code,
            }
        )
        if compulsory_course_costs_fee is not UNSET:
            field_dict["compulsoryCourseCostsFee"] = compulsory_course_costs_fee
        if course_exemption_from_amfm is not UNSET:
            field_dict["courseExemptionFromAmfm"] = course_exemption_from_amfm
        if course_tuition_fee is not UNSET:
            field_dict["courseTuitionFee"] = course_tuition_fee
        if discounted_compulsory_course_costs_fee is not UNSET:
            field_dict["discountedCompulsoryCourseCostsFee"] = discounted_compulsory_course_costs_fee
        if discounted_course_tuition_fee is not UNSET:
            field_dict["discountedCourseTuitionFee"] = discounted_course_tuition_fee
        if learning_hours is not UNSET:
            field_dict["learningHours"] = learning_hours
        if pbrf_eligible_course_indicator is not UNSET:
            field_dict["pbrfEligibleCourseIndicator"] = pbrf_eligible_course_indicator
        if volume_research_factor is not UNSET:
            field_dict["volumeResearchFactor"] = volume_research_factor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        course_classification = d.pop("courseClassification")

        course_code = d.pop("courseCode")

        course_efts_factor = d.pop("courseEftsFactor")

        course_title = d.pop("courseTitle")

        credit = d.pop("credit")

        funding_category = d.pop("fundingCategory")

        level_on_nzqcf = d.pop("levelOnNzqcf")

        local_id = d.pop("localId")

        nzsced_field_of_study = d.pop("nzscedFieldOfStudy")

        qualification_code = d.pop("qualificationCode")

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

        def _parse_discounted_compulsory_course_costs_fee(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        discounted_compulsory_course_costs_fee = _parse_discounted_compulsory_course_costs_fee(
            d.pop("discountedCompulsoryCourseCostsFee", UNSET)
        )

        def _parse_discounted_course_tuition_fee(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        discounted_course_tuition_fee = _parse_discounted_course_tuition_fee(d.pop("discountedCourseTuitionFee", UNSET))

        def _parse_learning_hours(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        learning_hours = _parse_learning_hours(d.pop("learningHours", UNSET))

        def _parse_pbrf_eligible_course_indicator(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        pbrf_eligible_course_indicator = _parse_pbrf_eligible_course_indicator(
            d.pop("pbrfEligibleCourseIndicator", UNSET)
        )

        def _parse_volume_research_factor(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        volume_research_factor = _parse_volume_research_factor(d.pop("volumeResearchFactor", UNSET))

        course = cls(
            course_classification=course_classification,
            course_code=course_code,
            course_efts_factor=course_efts_factor,
            course_title=course_title,
            credit=credit,
            funding_category=funding_category,
            level_on_nzqcf=level_on_nzqcf,
            local_id=local_id,
            nzsced_field_of_study=nzsced_field_of_study,
            qualification_code=qualification_code,
            compulsory_course_costs_fee=compulsory_course_costs_fee,
            course_exemption_from_amfm=course_exemption_from_amfm,
            course_tuition_fee=course_tuition_fee,
            discounted_compulsory_course_costs_fee=discounted_compulsory_course_costs_fee,
            discounted_course_tuition_fee=discounted_course_tuition_fee,
            learning_hours=learning_hours,
            pbrf_eligible_course_indicator=pbrf_eligible_course_indicator,
            volume_research_factor=volume_research_factor,
        )

        course.additional_properties = d
        return course

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
