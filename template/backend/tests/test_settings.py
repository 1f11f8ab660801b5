"""Settings: APP_* variables in any case, typed as the fields say, lists and dicts as JSON."""

from api.settings import Settings, environment_values


def test_app_variables_are_read_and_typed():
    environ = {
        "APP_MAX_UPLOAD_BYTES": "5",
        "app_admin_pool": "false",
        "APP_ALLOWED_ORIGINS": '["https://app.example.com"]',
        "MAX_UPLOAD_BYTES": "7",  # no prefix: not ours
    }
    settings = Settings.model_validate(environment_values(environ))
    assert settings.max_upload_bytes == 5
    assert settings.admin_pool is False
    assert settings.allowed_origins == ["https://app.example.com"]


def test_unset_fields_keep_their_defaults():
    assert environment_values({"PATH": "/bin"}) == {}
    assert Settings.model_validate({}) == Settings()
