from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.change_view_resource import ChangeViewResource


T = TypeVar("T", bound="ChangeView")


@_attrs_define
class ChangeView:
    """One change of a resource.

    Example:
        {'change': 'status-changed', 'changedAt': '2026-04-12T17:00:00Z', 'changedBy': 'system', 'fromStatus': 'GRACE',
            'localId': 'TA-1001', 'position': 42, 'reason': 'GE', 'resource': {'status': 'FINISHED', 'statusReasonCode':
            'GE', 'trainingAgreementLocalId': 'TA-1001'}, 'resourceType': 'training-agreement', 'toStatus': 'FINISHED'}

    Attributes:
        change (str): `created`, `updated`, `status-changed` or `deleted`.
        changed_at (datetime.datetime):
        changed_by (str): The token's subject, or `system` for DXP's own changes.
        local_id (str): The resource's id (for a programme version, the programme's; for a fee, the learner's).
        position (int): Increasing; pass the last one seen as `after` to read on.
        resource (ChangeViewResource): The resource as it became, as its GET returns it.
        resource_type (str): `learner`, `programme-version`, `training-agreement`, `enrolment`, `training-plan`,
            `off-job-delivery` or `learner-fee`.
        from_status (None | str | Unset):
        ordinal (int | None | Unset): The programme version number, or the fee year; absent for other resources.
        reason (None | str | Unset): The reason code or words of the change, when it has one.
        to_status (None | str | Unset):
    """

    change: str
    changed_at: datetime.datetime
    changed_by: str
    local_id: str
    position: int
    resource: ChangeViewResource
    resource_type: str
    from_status: None | str | Unset = UNSET
    ordinal: int | None | Unset = UNSET
    reason: None | str | Unset = UNSET
    to_status: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        change = self.change

        changed_at = self.changed_at.isoformat()

        changed_by = self.changed_by

        local_id = self.local_id

        position = self.position

        resource = self.resource.to_dict()

        resource_type = self.resource_type

        from_status: None | str | Unset
        if isinstance(self.from_status, Unset):
            from_status = UNSET
        else:
            from_status = self.from_status

        ordinal: int | None | Unset
        if isinstance(self.ordinal, Unset):
            ordinal = UNSET
        else:
            ordinal = self.ordinal

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        to_status: None | str | Unset
        if isinstance(self.to_status, Unset):
            to_status = UNSET
        else:
            to_status = self.to_status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "change": change,
                "changedAt": changed_at,
                "changedBy": changed_by,
                "localId": local_id,
                "position": position,
                "resource": resource,
                "resourceType": resource_type,
            }
        )
        if from_status is not UNSET:
            field_dict["fromStatus"] = from_status
        if ordinal is not UNSET:
            field_dict["ordinal"] = ordinal
        if reason is not UNSET:
            field_dict["reason"] = reason
        if to_status is not UNSET:
            field_dict["toStatus"] = to_status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.change_view_resource import ChangeViewResource  # noqa: PLC0415

        d = dict(src_dict)
        change = d.pop("change")

        changed_at = datetime.datetime.fromisoformat(d.pop("changedAt"))

        changed_by = d.pop("changedBy")

        local_id = d.pop("localId")

        position = d.pop("position")

        resource = ChangeViewResource.from_dict(d.pop("resource"))

        resource_type = d.pop("resourceType")

        def _parse_from_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_status = _parse_from_status(d.pop("fromStatus", UNSET))

        def _parse_ordinal(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        ordinal = _parse_ordinal(d.pop("ordinal", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_to_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_status = _parse_to_status(d.pop("toStatus", UNSET))

        change_view = cls(
            change=change,
            changed_at=changed_at,
            changed_by=changed_by,
            local_id=local_id,
            position=position,
            resource=resource,
            resource_type=resource_type,
            from_status=from_status,
            ordinal=ordinal,
            reason=reason,
            to_status=to_status,
        )

        change_view.additional_properties = d
        return change_view

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
