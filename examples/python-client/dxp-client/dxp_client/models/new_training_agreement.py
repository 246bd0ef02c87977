from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agreement_details import AgreementDetails


T = TypeVar("T", bound="NewTrainingAgreement")


@_attrs_define
class NewTrainingAgreement:
    """The body of `POST /training-agreements`.

    Example:
        {'learnerLocalId': 'LRN-000123', 'trainingAgreement': {'employerName': 'Kauri Builders Limited', 'employerNzbn':
            '9429041535257', 'employmentRegionCode': 3, 'trainingAgreementSignedDate': '2026-02-01'},
            'trainingAgreementLocalId': 'TA-000456'}

    Attributes:
        learner_local_id (str):  Example: LRN-000123.
        training_agreement (AgreementDetails): The agreement itself: employer, workplace, and its dates. Example:
            {'employerName': 'Kauri Builders Limited', 'employerNzbn': '9429041535257', 'employerSubdivisionName': 'Hamilton
            branch', 'employmentRegionCode': 3, 'employmentTerritorialAuthorityCode': 16, 'employmentTypeCode': 'FT',
            'endDate': '2030-01-31', 'industryCode': '3020', 'priorActivityCode': '02', 'trainingAgreementSignedDate':
            '2026-02-01'}.
        training_agreement_local_id (str): The TMS's id for the agreement, one per signed date. Example: TA-000456.
    """

    learner_local_id: str
    training_agreement: AgreementDetails
    training_agreement_local_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        learner_local_id = self.learner_local_id

        training_agreement = self.training_agreement.to_dict()

        training_agreement_local_id = self.training_agreement_local_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "learnerLocalId": learner_local_id,
                "trainingAgreement": training_agreement,
                "trainingAgreementLocalId": training_agreement_local_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agreement_details import AgreementDetails  # noqa: PLC0415

        d = dict(src_dict)
        learner_local_id = d.pop("learnerLocalId")

        training_agreement = AgreementDetails.from_dict(d.pop("trainingAgreement"))

        training_agreement_local_id = d.pop("trainingAgreementLocalId")

        new_training_agreement = cls(
            learner_local_id=learner_local_id,
            training_agreement=training_agreement,
            training_agreement_local_id=training_agreement_local_id,
        )

        new_training_agreement.additional_properties = d
        return new_training_agreement

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
