from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.demographics import Demographics
    from ..models.education_history import EducationHistory
    from ..models.identity import Identity


T = TypeVar("T", bound="WorkBasedLearner")


@_attrs_define
class WorkBasedLearner:
    """A work-based learner as a TMS sends it on create, and as the funder keeps and returns it.
    (`WorkBasedLearner` in the OpenAPI document, where `Learner` is the SDR learner record.)

        Example:
            {'demographics': {'countryOfCitizenship': 'NZL', 'disabilityStatus': 2, 'disabilitySupportNeeds': [],
                'ethnicityCodes': [111, 211], 'iwiCodes': [104]}, 'educationHistory': {'firstYearOfTertiaryStudy': 2023,
                'highestSecondarySchoolQualification': '24', 'lastYearAtSecondarySchool': 2021, 'priorActivityCode': '05',
                'secondarySchoolCode': 43}, 'identity': {'dateOfBirth': '2004-05-14', 'familyName': 'Smith', 'genderCode': 'F',
                'givenNames': 'Jane Aroha', 'nameIdCode': 'SMITJ', 'nationalStudentNumber': 123456789}, 'irdNumber':
                '049-091-850', 'learnerLocalId': 'LRN-000123'}

        Attributes:
            demographics (Demographics): Who the learner is in the funder's statistics; kept current by updates. Example:
                {'countryOfCitizenship': 'NZL', 'disabilityStatus': 1, 'disabilitySupportNeeds': [2], 'ethnicityCodes': [211],
                'iwiCodes': []}.
            education_history (EducationHistory): The learner's schooling and study before the training, as the SDR learner
                file reports it. Example: {'firstYearOfTertiaryStudy': 2023, 'highestSecondarySchoolQualification': '24',
                'lastYearAtSecondarySchool': 2021, 'priorActivityCode': '05', 'secondarySchoolCode': 43}.
            identity (Identity): The identity the National Student Index knows the learner by: the NSN, verified with the
                date of birth and Name ID Code. Example: {'dateOfBirth': '2004-05-14', 'nameIdCode': 'SMITJ',
                'nationalStudentNumber': 123456789}.
            learner_local_id (str): The TMS's id for the learner, constant for the learner, unique in the organisation.
                Example: LRN-000123.
            ird_number (None | str | Unset): The learner's IRD number, only when the learner may be eligible for Fees Free:
                8 or 9
                digits, best as IRD prints them with an 8-digit number padded (`049-091-850`). Example: 049-091-850.
    """

    demographics: Demographics
    education_history: EducationHistory
    identity: Identity
    learner_local_id: str
    ird_number: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        demographics = self.demographics.to_dict()

        education_history = self.education_history.to_dict()

        identity = self.identity.to_dict()

        learner_local_id = self.learner_local_id

        ird_number: None | str | Unset
        if isinstance(self.ird_number, Unset):
            ird_number = UNSET
        else:
            ird_number = self.ird_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "demographics": demographics,
                "educationHistory": education_history,
                "identity": identity,
                "learnerLocalId": learner_local_id,
            }
        )
        if ird_number is not UNSET:
            field_dict["irdNumber"] = ird_number

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.demographics import Demographics  # noqa: PLC0415
        from ..models.education_history import EducationHistory  # noqa: PLC0415
        from ..models.identity import Identity  # noqa: PLC0415

        d = dict(src_dict)
        demographics = Demographics.from_dict(d.pop("demographics"))

        education_history = EducationHistory.from_dict(d.pop("educationHistory"))

        identity = Identity.from_dict(d.pop("identity"))

        learner_local_id = d.pop("learnerLocalId")

        def _parse_ird_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ird_number = _parse_ird_number(d.pop("irdNumber", UNSET))

        work_based_learner = cls(
            demographics=demographics,
            education_history=education_history,
            identity=identity,
            learner_local_id=learner_local_id,
            ird_number=ird_number,
        )

        work_based_learner.additional_properties = d
        return work_based_learner

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
