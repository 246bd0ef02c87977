from enum import StrEnum


class PortalRole(StrEnum):
    COMMERCIAL_DOCUMENTS = "commercial-documents"
    FULL_ACCESS_READ_ONLY = "full-access-read-only"
    GENERAL_ACCESS = "general-access"
    INFORMATION_PRODUCTS = "information-products"
    USER_SETTINGS_ADMIN = "user-settings-admin"

    def __str__(self) -> str:
        return str(self.value)
