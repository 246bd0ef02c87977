from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agreement_status import AgreementStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agreement_details import AgreementDetails


T = TypeVar("T", bound="TrainingAgreement")


@_attrs_define
class TrainingAgreement:
    """A training agreement as the funder keeps and returns it.

    Example:
        {'learnerLocalId': 'LRN-000123', 'status': 'HOLD', 'statusDate': '2026-06-15', 'statusReasonCode': 'PL',
            'trainingAgreement': {'employerName': 'Kauri Builders Limited', 'employerNzbn': '9429041535257',
            'employmentRegionCode': 3, 'trainingAgreementSignedDate': '2026-02-01'}, 'trainingAgreementLocalId':
            'TA-000456'}

    Attributes:
        learner_local_id (str):  Example: LRN-000123.
        status (AgreementStatus): Where a training agreement is in its life (`dxp-api.md` §5.3, `sdr-domain.md` §4.2):
            `PENDING` until its learner's training starts, then `ACTIVE`; `HOLD` or `GRACE` while
            paused, `ACTIVE` again on restart; `FINISHED` once withdrawn, transferred or completed.
        status_date (datetime.date): When the latest status change took effect: the signed date while `PENDING`, the
            participation start on activation, the pause, restart or withdrawal date. Example: 2026-06-15.
        training_agreement (AgreementDetails): The agreement itself: employer, workplace, and its dates. Example:
            {'employerName': 'Kauri Builders Limited', 'employerNzbn': '9429041535257', 'employerSubdivisionName': 'Hamilton
            branch', 'employmentRegionCode': 3, 'employmentTerritorialAuthorityCode': 16, 'employmentTypeCode': 'FT',
            'endDate': '2030-01-31', 'industryCode': '3020', 'priorActivityCode': '02', 'trainingAgreementSignedDate':
            '2026-02-01'}.
        training_agreement_local_id (str):  Example: TA-000456.
        status_reason_code (None | str | Unset): The reason of the latest status change, when it has one (hold, grace,
            withdrawal). Example: PL.
        transferred_from (None | str | Unset): The agreement this one was transferred from.
        transferred_to (None | str | Unset): The agreement this one was transferred to (it is then `FINISHED`).
    """

    learner_local_id: str
    status: AgreementStatus
    status_date: datetime.date
    training_agreement: AgreementDetails
    training_agreement_local_id: str
    status_reason_code: None | str | Unset = UNSET
    transferred_from: None | str | Unset = UNSET
    transferred_to: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        learner_local_id = self.learner_local_id

        status = self.status.value

        status_date = self.status_date.isoformat()

        training_agreement = self.training_agreement.to_dict()

        training_agreement_local_id = self.training_agreement_local_id

        status_reason_code: None | str | Unset
        if isinstance(self.status_reason_code, Unset):
            status_reason_code = UNSET
        else:
            status_reason_code = self.status_reason_code

        transferred_from: None | str | Unset
        if isinstance(self.transferred_from, Unset):
            transferred_from = UNSET
        else:
            transferred_from = self.transferred_from

        transferred_to: None | str | Unset
        if isinstance(self.transferred_to, Unset):
            transferred_to = UNSET
        else:
            transferred_to = self.transferred_to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "learnerLocalId": learner_local_id,
                "status": status,
                "statusDate": status_date,
                "trainingAgreement": training_agreement,
                "trainingAgreementLocalId": training_agreement_local_id,
            }
        )
        if status_reason_code is not UNSET:
            field_dict["statusReasonCode"] = status_reason_code
        if transferred_from is not UNSET:
            field_dict["transferredFrom"] = transferred_from
        if transferred_to is not UNSET:
            field_dict["transferredTo"] = transferred_to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agreement_details import AgreementDetails  # noqa: PLC0415

        d = dict(src_dict)
        learner_local_id = d.pop("learnerLocalId")

        status = AgreementStatus(d.pop("status"))

        status_date = datetime.date.fromisoformat(d.pop("statusDate"))

        training_agreement = AgreementDetails.from_dict(d.pop("trainingAgreement"))

        training_agreement_local_id = d.pop("trainingAgreementLocalId")

        def _parse_status_reason_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_reason_code = _parse_status_reason_code(d.pop("statusReasonCode", UNSET))

        def _parse_transferred_from(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        transferred_from = _parse_transferred_from(d.pop("transferredFrom", UNSET))

        def _parse_transferred_to(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        transferred_to = _parse_transferred_to(d.pop("transferredTo", UNSET))

        training_agreement = cls(
            learner_local_id=learner_local_id,
            status=status,
            status_date=status_date,
            training_agreement=training_agreement,
            training_agreement_local_id=training_agreement_local_id,
            status_reason_code=status_reason_code,
            transferred_from=transferred_from,
            transferred_to=transferred_to,
        )

        training_agreement.additional_properties = d
        return training_agreement

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
