"""The toolkit's exceptions. Only ``cli.py`` turns them into messages and exit codes."""

from __future__ import annotations

# Exit codes are part of the public contract (README, "Exit codes").
EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_MODEL_UNAVAILABLE = 3
EXIT_RUNTIME = 4
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


class ParallaxError(Exception):
    """Base class: a problem the user can act on, described in one line."""

    exit_code = EXIT_RUNTIME


class InputError(ParallaxError):
    """The article (or another input file) cannot be read or understood."""

    exit_code = EXIT_BAD_INPUT


class ConfigError(ParallaxError):
    """A configuration file, profile, flag or environment variable is invalid."""

    exit_code = EXIT_BAD_INPUT


class ModelUnavailable(ParallaxError):
    """A model is not installed / not reachable offline, or its file fails verification."""

    exit_code = EXIT_MODEL_UNAVAILABLE


class PluginError(ParallaxError):
    """A plugin's code raised where nothing can take its place (the output format it provides)."""

    exit_code = EXIT_RUNTIME


class GenerationError(ParallaxError):
    """The generation engine failed (out of memory, bad model output, ...)."""

    exit_code = EXIT_RUNTIME


class NotSupported(ParallaxError):
    """The chosen engine or server cannot do what was asked (e.g. score a given text)."""

    exit_code = EXIT_RUNTIME
