from pathlib import Path

import pytest

from risktracker.config import Settings, load_settings
from risktracker.errors import ConfigError


def test_defaults_use_sqlite_in_the_working_directory(tmp_path: Path) -> None:
    settings = load_settings(environ={}, cwd=tmp_path)
    assert settings == Settings()
    assert settings.db == "sqlite:///risktracker.db"


def test_file_then_environment_override(tmp_path: Path) -> None:
    (tmp_path / "risktracker.toml").write_text('db = "sqlite:///from-file.db"\nworkers = 3\n')
    settings = load_settings(environ={}, cwd=tmp_path)
    assert (settings.db, settings.workers) == ("sqlite:///from-file.db", 3)
    settings = load_settings(environ={"RISKTRACKER_DB": "postgresql://x/y"}, cwd=tmp_path)
    assert (settings.db, settings.workers) == ("postgresql://x/y", 3)


def test_bad_settings_are_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="whole number"):
        load_settings(environ={"RISKTRACKER_WORKERS": "many"}, cwd=tmp_path)
    (tmp_path / "risktracker.toml").write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="unknown settings colour"):
        load_settings(environ={}, cwd=tmp_path)
    (tmp_path / "risktracker.toml").write_text("db = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(environ={}, cwd=tmp_path)
