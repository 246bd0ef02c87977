from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.delivery_status import DeliveryStatus
from ..models.notice_kind import NoticeKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.webhook_attempt_view import WebhookAttemptView
    from ..models.webhook_delivery_view_body import WebhookDeliveryViewBody


T = TypeVar("T", bound="WebhookDeliveryView")


@_attrs_define
class WebhookDeliveryView:
    """One event for one webhook, and every attempt to deliver it.

    Attributes:
        attempt_count (int): Attempts since it was last queued (at most 10 before it fails).
        attempts (list[WebhookAttemptView]): Every attempt, oldest first, replays included.
        body (WebhookDeliveryViewBody): The body as sent.
        created_at (datetime.datetime):
        event_type (NoticeKind): What a notice is about. Each person chooses, kind by kind, which they are also emailed.
        id (str): The body's `id` and the `DXP-Webhook-Id` header: the same on every attempt and replay.
        replays (int): How many times it was replayed.
        status (DeliveryStatus): Where a delivery is.
        webhook_id (str):
        delivered_at (datetime.datetime | None | Unset):
        failed_at (datetime.datetime | None | Unset):
        last_error (None | str | Unset):
        last_status_code (int | None | Unset): The receiver's HTTP status at the last attempt.
        next_attempt_at (datetime.datetime | None | Unset): When it is tried next; `null` once delivered or failed.
    """

    attempt_count: int
    attempts: list[WebhookAttemptView]
    body: WebhookDeliveryViewBody
    created_at: datetime.datetime
    event_type: NoticeKind
    id: str
    replays: int
    status: DeliveryStatus
    webhook_id: str
    delivered_at: datetime.datetime | None | Unset = UNSET
    failed_at: datetime.datetime | None | Unset = UNSET
    last_error: None | str | Unset = UNSET
    last_status_code: int | None | Unset = UNSET
    next_attempt_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempt_count = self.attempt_count

        attempts = []
        for attempts_item_data in self.attempts:
            attempts_item = attempts_item_data.to_dict()
            attempts.append(attempts_item)

        body = self.body.to_dict()

        created_at = self.created_at.isoformat()

        event_type = self.event_type.value

        id = self.id

        replays = self.replays

        status = self.status.value

        webhook_id = self.webhook_id

        delivered_at: None | str | Unset
        if isinstance(self.delivered_at, Unset):
            delivered_at = UNSET
        elif isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        failed_at: None | str | Unset
        if isinstance(self.failed_at, Unset):
            failed_at = UNSET
        elif isinstance(self.failed_at, datetime.datetime):
            failed_at = self.failed_at.isoformat()
        else:
            failed_at = self.failed_at

        last_error: None | str | Unset
        if isinstance(self.last_error, Unset):
            last_error = UNSET
        else:
            last_error = self.last_error

        last_status_code: int | None | Unset
        if isinstance(self.last_status_code, Unset):
            last_status_code = UNSET
        else:
            last_status_code = self.last_status_code

        next_attempt_at: None | str | Unset
        if isinstance(self.next_attempt_at, Unset):
            next_attempt_at = UNSET
        elif isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attemptCount": attempt_count,
                "attempts": attempts,
                "body": body,
                "createdAt": created_at,
                "eventType": event_type,
                "id": id,
                "replays": replays,
                "status": status,
                "webhookId": webhook_id,
            }
        )
        if delivered_at is not UNSET:
            field_dict["deliveredAt"] = delivered_at
        if failed_at is not UNSET:
            field_dict["failedAt"] = failed_at
        if last_error is not UNSET:
            field_dict["lastError"] = last_error
        if last_status_code is not UNSET:
            field_dict["lastStatusCode"] = last_status_code
        if next_attempt_at is not UNSET:
            field_dict["nextAttemptAt"] = next_attempt_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_attempt_view import WebhookAttemptView  # noqa: PLC0415
        from ..models.webhook_delivery_view_body import WebhookDeliveryViewBody  # noqa: PLC0415

        d = dict(src_dict)
        attempt_count = d.pop("attemptCount")

        attempts = []
        _attempts = d.pop("attempts")
        for attempts_item_data in _attempts:
            attempts_item = WebhookAttemptView.from_dict(attempts_item_data)

            attempts.append(attempts_item)

        body = WebhookDeliveryViewBody.from_dict(d.pop("body"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        event_type = NoticeKind(d.pop("eventType"))

        id = d.pop("id")

        replays = d.pop("replays")

        status = DeliveryStatus(d.pop("status"))

        webhook_id = d.pop("webhookId")

        def _parse_delivered_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        delivered_at = _parse_delivered_at(d.pop("deliveredAt", UNSET))

        def _parse_failed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                failed_at_type_0 = datetime.datetime.fromisoformat(data)

                return failed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        failed_at = _parse_failed_at(d.pop("failedAt", UNSET))

        def _parse_last_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_error = _parse_last_error(d.pop("lastError", UNSET))

        def _parse_last_status_code(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        last_status_code = _parse_last_status_code(d.pop("lastStatusCode", UNSET))

        def _parse_next_attempt_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("nextAttemptAt", UNSET))

        webhook_delivery_view = cls(
            attempt_count=attempt_count,
            attempts=attempts,
            body=body,
            created_at=created_at,
            event_type=event_type,
            id=id,
            replays=replays,
            status=status,
            webhook_id=webhook_id,
            delivered_at=delivered_at,
            failed_at=failed_at,
            last_error=last_error,
            last_status_code=last_status_code,
            next_attempt_at=next_attempt_at,
        )

        webhook_delivery_view.additional_properties = d
        return webhook_delivery_view

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
