"""The ``newsquotes`` command: a thin layer over the library, one module per group of commands."""

from __future__ import annotations

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsquotes")
def main() -> None:
    """Find every quotation in news articles, who said it, and keep them searchable."""


def _register() -> None:
    from . import corpus, evaluate, extract, serve, spark

    for module in (extract, evaluate, corpus, serve, spark):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
