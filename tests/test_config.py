import tomllib

import pytest

from toolkit.core.config import Settings, configs_dir, load_settings, settings_as_toml_dict
from toolkit.core.errors import ConfigError


def test_default_toml_matches_builtin_defaults():
    shipped = tomllib.loads((configs_dir() / "default.toml").read_text())
    assert shipped == settings_as_toml_dict(Settings())


def test_precedence_defaults_file_env_flags(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[model]\ngenerator = "from-file"\n[runtime]\nthreads = 3\nbatch_size = 4\n')
    s, origins = load_settings(None, env={})
    assert s.generator == Settings().generator and origins == {}
    s, origins = load_settings(cfg, env={})
    assert (s.generator, s.threads, s.batch_size) == ("from-file", 3, 4)
    s, origins = load_settings(cfg, env={"PARALLAX_MODEL": "from-env", "PARALLAX_THREADS": "1"})
    assert (s.generator, s.threads, s.batch_size) == ("from-env", 1, 4)
    assert origins["generator"] == "$PARALLAX_MODEL"
    s, origins = load_settings(cfg, env={"PARALLAX_MODEL": "from-env"}, overrides={"generator": "from-flag"})
    assert s.generator == "from-flag" and origins["generator"] == "command line"
    assert origins["batch_size"] == str(cfg)


def test_profiles_by_name():
    fast, _ = load_settings("fast", env={})
    assert fast.generator == "smollm2-135m"
    hub, _ = load_settings("hub", env={})
    assert hub.generator.startswith("hf:")


@pytest.mark.parametrize("body,match", [
    ('[model]\nnope = 1\n', "unknown setting"),
    ('[runtime]\nthreads = "many"\n', "invalid value"),
    ('[summarize]\nsentences = 0\n', "at least 1"),
    ('[runtime]\nbackend = "gpu-magic"\n', "must be one of"),
    ('not toml [', "invalid TOML"),
])
def test_bad_config_is_a_clear_error(tmp_path, body, match):
    cfg = tmp_path / "c.toml"
    cfg.write_text(body)
    with pytest.raises(ConfigError, match=match):
        load_settings(cfg, env={})


def test_unknown_profile():
    with pytest.raises(ConfigError, match="not found"):
        load_settings("no-such-profile", env={})


def test_bad_env_value():
    with pytest.raises(ConfigError, match="PARALLAX_THREADS"):
        load_settings(None, env={"PARALLAX_THREADS": "-2"})
