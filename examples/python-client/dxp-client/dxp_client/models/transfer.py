from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agreement_details import AgreementDetails


T = TypeVar("T", bound="Transfer")


@_attrs_define
class Transfer:
    """The body of `POST /training-agreements/{id}/transfer`: the agreement with the new employer.

    Example:
        {'newTrainingAgreement': {'employerName': 'Tōtara Construction Limited', 'employmentRegionCode': 3,
            'trainingAgreementSignedDate': '2026-11-16'}, 'newTrainingAgreementLocalId': 'TA-000789'}

    Attributes:
        new_training_agreement (AgreementDetails): The agreement itself: employer, workplace, and its dates. Example:
            {'employerName': 'Kauri Builders Limited', 'employerNzbn': '9429041535257', 'employerSubdivisionName': 'Hamilton
            branch', 'employmentRegionCode': 3, 'employmentTerritorialAuthorityCode': 16, 'employmentTypeCode': 'FT',
            'endDate': '2030-01-31', 'industryCode': '3020', 'priorActivityCode': '02', 'trainingAgreementSignedDate':
            '2026-02-01'}.
        new_training_agreement_local_id (str):  Example: TA-000789.
    """

    new_training_agreement: AgreementDetails
    new_training_agreement_local_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        new_training_agreement = self.new_training_agreement.to_dict()

        new_training_agreement_local_id = self.new_training_agreement_local_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "newTrainingAgreement": new_training_agreement,
                "newTrainingAgreementLocalId": new_training_agreement_local_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agreement_details import AgreementDetails  # noqa: PLC0415

        d = dict(src_dict)
        new_training_agreement = AgreementDetails.from_dict(d.pop("newTrainingAgreement"))

        new_training_agreement_local_id = d.pop("newTrainingAgreementLocalId")

        transfer = cls(
            new_training_agreement=new_training_agreement,
            new_training_agreement_local_id=new_training_agreement_local_id,
        )

        transfer.additional_properties = d
        return transfer

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
