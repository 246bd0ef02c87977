from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CourseEnrolment")


@_attrs_define
class CourseEnrolment:
    """One learner's enrolment in one course (spec 003). Field names, types, lengths and the
    REQUIRED marks are the funder's; descriptions are condensed from spec 003's guidance.

        Example:
            {'actualCourseFee': 1043.5, 'apprenticeships': False, 'australianResidentialStatus': False,
                'categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment': '00', 'courseClassification': 13.1,
                'courseCode': 'ECON112', 'courseDeliverySite': '01', 'courseEftsFactor': 0.125, 'courseEndDate':
                '2026-06-26T00:00:00+12:00', 'courseStartDate': '2026-02-23T00:00:00+13:00', 'eftsByMonth': [0.025, 0.025,
                0.025, 0.025, 0.025], 'fundingCategory': 'A2', 'intramuralExtramuralAttendance': 1, 'localId':
                'ENR-2026-000001', 'nationalStudentNumber': 123456789, 'nzscedFieldOfStudy': '091901', 'qualificationCode':
                'PC4001', 'residentialStatus': 'N', 'secondarySchoolProgrammeIndicator': 'N', 'sourceOfFunding': '01',
                'studentIdentificationCode': 'S2601234'}

        Attributes:
            australian_residential_status (bool): Australian Residential Status: `true` when the learner holds Australian
                permanent
                resident status for the enrolment (the CSV's `Y`), `false` otherwise. Mandatory. Example: False.
            category_of_fees_assessment_for_international_students_for_each_enrolment (str): Category of Fees Assessment for
                International Students for each enrolment: 00 Domestic
                student; 01 NZAID student; 03 International fee-paying student (including people on a
                current work visa); 04 Recognised exchange scheme; 08 Diplomatic staff or family, persons
                associated with the Antarctic programme; 09 International on-shore PhD student; 12
                International student doing ITO off-job training; 13 Refugee or protected person (or
                claimant, or their family) without a resident visa; 14 2021 Resident Visa pathway child.
                Always 00 for New Zealand citizens; 00 for NZ resident visa holders, Australian citizens
                and Australian permanent residents who reside in New Zealand (attendance 1 or 2). The
                leading zero may be left out. Mandatory. Example: 00.
            course_classification (float): Course Classification: the subject classification of the course, Numeric(3,1): 0
                to
                99.9 with at most one decimal place. Mandatory. Example: 13.1.
            course_code (str): Course Code: the TEO's internal code for the course, the same whatever the period,
                location or year it is taught, and identical to its Course Register entry. Alpha-numeric;
                should contain no dates or years (e.g. `ECON112`). Mandatory. Example: ECON112.
            course_delivery_site (str): Course Delivery Site: where most of the teaching for the course happens. 01 main
                campus;
                02–96 other sites; 98 extramural or distance delivery; 99 community education; or a
                registered site code of letters (`AA`) or a letter and a digit (`A1`, `1A`). The leading
                zero may be left out. Mandatory. Example: 01.
            course_efts_factor (float): Course EFTS Factor: the share of the qualification's total EFTS that the course
                represents, Numeric(1,4): 0 to 9.9999 with at most four decimal places, e.g. 0.0125.
                Mandatory. Example: 0.125.
            course_end_date (datetime.datetime): Course End Date: normally the officially notified end of instruction and/or
                examination;
                for a course spanning the end of the academic year, the date in the following year.
                Mandatory. Example: 2026-06-26T00:00:00+12:00.
            course_start_date (datetime.datetime): Course Start Date: the officially notified beginning of instruction for
                the course, in
                the current or previous academic year. Calendar rules use the date as written in the
                sender's offset. Mandatory. Example: 2026-02-23T00:00:00+13:00.
            efts_by_month (list[float]): EFTS by Month: the course EFTS factor divided evenly over the calendar months of
                the enrolment (day of month ignored), one value per month from the start month to the end month inclusive, each
                0 to 9.9999 with at most four decimal places. Each month is courseEftsFactor divided by the number of months,
                rounded down to four places; the last month may instead hold the remainder, so that the months add up to the
                factor. Twelve values for January to December of a year the course runs in, with 0 for the months outside the
                course, are also accepted. Mandatory.
            funding_category (str): Funding Category: the funding category of the course, from the funder's funding
                categories classification (DXP Data Classifications Appendices). Mandatory. Example: A2.
            intramural_extramural_attendance (int): Intramural or Extramural Attendance: 1 Intramural and residing in New
                Zealand; 2
                Extramural and residing in New Zealand; 3 Extramural and residing overseas; 4 Intramural
                and residing overseas. Mandatory. Example: 1.
            local_id (str): An integrator-generated identifier for this record, unique among the submission's course
                enrolments; sending a record with the same localId again replaces it. Example: ENR-2026-000001.
            national_student_number (int): National Student Number: the learner's number in the National Student Index
                (NSI),
                the same at every organisation. A positive integer. Mandatory. Example: 123456789.
            nzsced_field_of_study (str): NZSCED Field of Study: the course's field of study in the New Zealand Standard
                Classification of Education, e.g. `091901`. The ITE fields 070101, 070103, 070105,
                070108, 070118, 070120, 070122, 070124, 070126 and 070128 (also written without the
                leading zero) make the enrolment an Initial Teacher Education enrolment. Mandatory. Example: 091901.
            qualification_code (str): Qualification Code: the quality-assured qualification the learner is enrolled in (or
                has
                completed, or for which the course is approved for funding); six alpha-numeric characters
                from the SDR Qualifications Register. Non-formal education (TEIs only): `G9999` for
                courses of 40 teaching hours or less; `GFFSSX` (G, field, sub-field, digit, e.g. `G48017`)
                for longer ones. Mandatory. Example: PC4001.
            residential_status (str): Residential Status: `Y` New Zealand resident visa holder (excludes all New Zealand and
                Australian citizens); `N` not a resident visa holder (includes all New Zealand and
                Australian citizens). Mandatory. Example: N.
            source_of_funding (str): Source of Funding: the fund supporting the enrolment. Current funds: 01 DQ7+ (Levels 7
                degree and above); 02 International fee-paying; 03 Domestic full fee-paying; 05 STAR;
                09 Prison education; 10 Ministry of Health; 12 Other; 13 English for Migrants; 20 NZAID
                and Commonwealth Scholarships; 22 Youth Guarantee; 23 ACE; 24 Trade Academies; 26 DQ1-2;
                28 Māori Pasifika Trades Training Levels 1–2; 29 Māori Pasifika Trades Training Levels
                3–4; 31 Non-funded confirmed enrolments; 37 DQ3-7. Historic funds (04, 06, 07, 08, 11,
                14, 15, 16, 25, 27, 30, 32, 33, 35, 36) are refused. The leading zero may be left out.
                Mandatory. Example: 01.
            student_identification_code (str): Student Identification Code: identifies the learner within the TEO and stays
                the same
                throughout the learner's enrolment history there. Generated by the TEO. Mandatory. Example: S2601234.
            actual_course_fee (float | None | Unset): Actual Course Fee: the total charged to the learner for the course
                (tuition fees and
                compulsory course costs), after discounts and scholarships, including GST, in dollars
                with at most two decimal places, Numeric(8,2): 0 to 999999.99. Mandatory in the spec's
                guidance but not REQUIRED: a warning when missing. Example: 1043.5.
            apprenticeships (bool | None | Unset): Apprenticeships: `true` if the enrolment is for a New Zealand
                Apprenticeship (up to
                NZQCF level 4, including approved provider-based apprenticeship programmes). Example: False.
            consortium (int | None | Unset): Consortium: the cooperative arrangement (of TEOs and others) the enrolment
                belongs to,
                from the Consortium classification. Mandatory for sources of funding 28 and 29. Example: 12.
            ite_sector (int | None | Unset): ITE Sector, for a learner in Initial Teacher Education: 1 Early Childhood; 2
                Primary; 3
                Secondary. Mandatory when the NZSCED field of study is an ITE field; checked as a warning
                for courses starting before 2026 and as an error from 2026. Qualifications covering more
                than one sector use NZSCED 070108; learners focused on Secondary must be sector 3. The
                same value must be used for each of the learner's course enrolments in the qualification. Example: 3.
            ite_subject (list[str] | None | Unset): ITE Subject: the curriculum subject areas of a learner in Initial
                Teacher Education whose ITE sector is Secondary, from the ITE subject classification. Up to four values of at
                most 40 characters; at least one when iteSector is 3. The same values must be used for each of the learner's
                course enrolments in the qualification. Checked as a warning for courses starting before 2026 and as an error
                from 2026.
            secondary_school_programme_indicator (None | str | Unset): Secondary School Programme Indicator: `Y` if the
                course is part of the learner's
                secondary school (or secondary-tertiary) programme, `N` if not. Such enrolments are
                excluded from Fees Free. Mandatory in the spec's guidance (type D enrolments) but not
                REQUIRED: a warning when missing. Example: N.
            students_course_withdrawal_date (datetime.datetime | None | Unset): Student Course Withdrawal Date: the date a
                confirmed enrolment was withdrawn (by notice
                from the learner, or for non-attendance or non-participation); otherwise left out. Example:
                2026-04-10T00:00:00+12:00.
    """

    australian_residential_status: bool
    category_of_fees_assessment_for_international_students_for_each_enrolment: str
    course_classification: float
    course_code: str
    course_delivery_site: str
    course_efts_factor: float
    course_end_date: datetime.datetime
    course_start_date: datetime.datetime
    efts_by_month: list[float]
    funding_category: str
    intramural_extramural_attendance: int
    local_id: str
    national_student_number: int
    nzsced_field_of_study: str
    qualification_code: str
    residential_status: str
    source_of_funding: str
    student_identification_code: str
    actual_course_fee: float | None | Unset = UNSET
    apprenticeships: bool | None | Unset = UNSET
    consortium: int | None | Unset = UNSET
    ite_sector: int | None | Unset = UNSET
    ite_subject: list[str] | None | Unset = UNSET
    secondary_school_programme_indicator: None | str | Unset = UNSET
    students_course_withdrawal_date: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        australian_residential_status = self.australian_residential_status

        category_of_fees_assessment_for_international_students_for_each_enrolment = (
            self.category_of_fees_assessment_for_international_students_for_each_enrolment
        )

        course_classification = self.course_classification

        course_code = self.course_code

        course_delivery_site = self.course_delivery_site

        course_efts_factor = self.course_efts_factor

        course_end_date = self.course_end_date.isoformat()

        course_start_date = self.course_start_date.isoformat()

        efts_by_month = self.efts_by_month

        funding_category = self.funding_category

        intramural_extramural_attendance = self.intramural_extramural_attendance

        local_id = self.local_id

        national_student_number = self.national_student_number

        nzsced_field_of_study = self.nzsced_field_of_study

        qualification_code = self.qualification_code

        residential_status = self.residential_status

        source_of_funding = self.source_of_funding

        student_identification_code = self.student_identification_code

        actual_course_fee: float | None | Unset
        if isinstance(self.actual_course_fee, Unset):
            actual_course_fee = UNSET
        else:
            actual_course_fee = self.actual_course_fee

        apprenticeships: bool | None | Unset
        if isinstance(self.apprenticeships, Unset):
            apprenticeships = UNSET
        else:
            apprenticeships = self.apprenticeships

        consortium: int | None | Unset
        if isinstance(self.consortium, Unset):
            consortium = UNSET
        else:
            consortium = self.consortium

        ite_sector: int | None | Unset
        if isinstance(self.ite_sector, Unset):
            ite_sector = UNSET
        else:
            ite_sector = self.ite_sector

        ite_subject: list[str] | None | Unset
        if isinstance(self.ite_subject, Unset):
            ite_subject = UNSET
        elif isinstance(self.ite_subject, list):
            ite_subject = self.ite_subject

        else:
            ite_subject = self.ite_subject

        secondary_school_programme_indicator: None | str | Unset
        if isinstance(self.secondary_school_programme_indicator, Unset):
            secondary_school_programme_indicator = UNSET
        else:
            secondary_school_programme_indicator = self.secondary_school_programme_indicator

        students_course_withdrawal_date: None | str | Unset
        if isinstance(self.students_course_withdrawal_date, Unset):
            students_course_withdrawal_date = UNSET
        elif isinstance(self.students_course_withdrawal_date, datetime.datetime):
            students_course_withdrawal_date = self.students_course_withdrawal_date.isoformat()
        else:
            students_course_withdrawal_date = self.students_course_withdrawal_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "australianResidentialStatus": australian_residential_status,
                "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment": category_of_fees_assessment_for_international_students_for_each_enrolment,
                "courseClassification": course_classification,
                "courseCode": course_code,
                "courseDeliverySite": course_delivery_site,
                "courseEftsFactor": course_efts_factor,
                "courseEndDate": course_end_date,
                "courseStartDate": course_start_date,
                "eftsByMonth": efts_by_month,
                "fundingCategory": funding_category,
                "intramuralExtramuralAttendance": intramural_extramural_attendance,
                "localId": local_id,
                "nationalStudentNumber": national_student_number,
                "nzscedFieldOfStudy": nzsced_field_of_study,
                "qualificationCode": qualification_code,
                "residentialStatus": residential_status,
                "sourceOfFunding": source_of_funding,
                "studentIdentificationCode": student_identification_code,
            }
        )
        if actual_course_fee is not UNSET:
            field_dict["actualCourseFee"] = actual_course_fee
        if apprenticeships is not UNSET:
            field_dict["apprenticeships"] = apprenticeships
        if consortium is not UNSET:
            field_dict["consortium"] = consortium
        if ite_sector is not UNSET:
            field_dict["iteSector"] = ite_sector
        if ite_subject is not UNSET:
            field_dict["iteSubject"] = ite_subject
        if secondary_school_programme_indicator is not UNSET:
            field_dict["secondarySchoolProgrammeIndicator"] = secondary_school_programme_indicator
        if students_course_withdrawal_date is not UNSET:
            field_dict["studentsCourseWithdrawalDate"] = students_course_withdrawal_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        australian_residential_status = d.pop("australianResidentialStatus")

        category_of_fees_assessment_for_international_students_for_each_enrolment = d.pop(
            "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment"
        )

        course_classification = d.pop("courseClassification")

        course_code = d.pop("courseCode")

        course_delivery_site = d.pop("courseDeliverySite")

        course_efts_factor = d.pop("courseEftsFactor")

        course_end_date = datetime.datetime.fromisoformat(d.pop("courseEndDate"))

        course_start_date = datetime.datetime.fromisoformat(d.pop("courseStartDate"))

        efts_by_month = cast(list[float], d.pop("eftsByMonth"))

        funding_category = d.pop("fundingCategory")

        intramural_extramural_attendance = d.pop("intramuralExtramuralAttendance")

        local_id = d.pop("localId")

        national_student_number = d.pop("nationalStudentNumber")

        nzsced_field_of_study = d.pop("nzscedFieldOfStudy")

        qualification_code = d.pop("qualificationCode")

        residential_status = d.pop("residentialStatus")

        source_of_funding = d.pop("sourceOfFunding")

        student_identification_code = d.pop("studentIdentificationCode")

        def _parse_actual_course_fee(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        actual_course_fee = _parse_actual_course_fee(d.pop("actualCourseFee", UNSET))

        def _parse_apprenticeships(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        apprenticeships = _parse_apprenticeships(d.pop("apprenticeships", UNSET))

        def _parse_consortium(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        consortium = _parse_consortium(d.pop("consortium", UNSET))

        def _parse_ite_sector(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        ite_sector = _parse_ite_sector(d.pop("iteSector", UNSET))

        def _parse_ite_subject(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                ite_subject_type_0 = cast(list[str], data)

                return ite_subject_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        ite_subject = _parse_ite_subject(d.pop("iteSubject", UNSET))

        def _parse_secondary_school_programme_indicator(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secondary_school_programme_indicator = _parse_secondary_school_programme_indicator(
            d.pop("secondarySchoolProgrammeIndicator", UNSET)
        )

        def _parse_students_course_withdrawal_date(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                students_course_withdrawal_date_type_0 = datetime.datetime.fromisoformat(data)

                return students_course_withdrawal_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        students_course_withdrawal_date = _parse_students_course_withdrawal_date(
            d.pop("studentsCourseWithdrawalDate", UNSET)
        )

        course_enrolment = cls(
            australian_residential_status=australian_residential_status,
            category_of_fees_assessment_for_international_students_for_each_enrolment=category_of_fees_assessment_for_international_students_for_each_enrolment,
            course_classification=course_classification,
            course_code=course_code,
            course_delivery_site=course_delivery_site,
            course_efts_factor=course_efts_factor,
            course_end_date=course_end_date,
            course_start_date=course_start_date,
            efts_by_month=efts_by_month,
            funding_category=funding_category,
            intramural_extramural_attendance=intramural_extramural_attendance,
            local_id=local_id,
            national_student_number=national_student_number,
            nzsced_field_of_study=nzsced_field_of_study,
            qualification_code=qualification_code,
            residential_status=residential_status,
            source_of_funding=source_of_funding,
            student_identification_code=student_identification_code,
            actual_course_fee=actual_course_fee,
            apprenticeships=apprenticeships,
            consortium=consortium,
            ite_sector=ite_sector,
            ite_subject=ite_subject,
            secondary_school_programme_indicator=secondary_school_programme_indicator,
            students_course_withdrawal_date=students_course_withdrawal_date,
        )

        course_enrolment.additional_properties = d
        return course_enrolment

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
