from django.apps import AppConfig
from django.core.signals import setting_changed


def _forget_cipher(setting, **kwargs):
    if setting == "FIELD_ENCRYPTION_KEYS":
        from safety.encryption import field_cipher

        field_cipher.cache_clear()


class SafetyConfig(AppConfig):
    """What every form that takes personal data shares: encrypted fields, keyed look-ups,
    form guards, rate limits, retention and key rotation. Depends on no feature app."""

    name = "safety"
    verbose_name = "Safety"

    def ready(self):
        setting_changed.connect(_forget_cipher)
