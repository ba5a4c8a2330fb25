"""``casemgr redact``: the redaction engine on standard input, for checking a text by hand."""

from __future__ import annotations

import json
import sys

import click

from casemgr.domain.redaction import Person, Policy, redact


@click.command("redact")
@click.option("--person", "persons", multiple=True, metavar="NAME", help="A natural person to anonymise.")
@click.option("--org", "orgs", multiple=True, metavar="NAME",
              help="An organisation party (masked with --mask-companies).")
@click.option("--keep", multiple=True, metavar="NAME", help="A name that stays (respondent, organ).")
@click.option("--mask-companies", is_flag=True, help="Replace organisation names with 某公司.")
@click.option("--json", "as_json", is_flag=True, help="Print the text and every span changed, as JSON.")
def redact_command(persons: tuple[str, ...], orgs: tuple[str, ...], keep: tuple[str, ...],
                   mask_companies: bool, as_json: bool) -> None:
    """Read text on standard input and print it with personal data removed."""
    people = [Person(name=n, kind="person") for n in persons]
    people += [Person(name=n, kind="organisation") for n in orgs]
    result = redact(sys.stdin.read(), people, Policy(mask_companies=mask_companies, keep_names=keep))
    if not as_json:
        click.echo(result.text, nl=False)
        return
    spans = [{"start": s.start, "end": s.end, "original": s.original, "replacement": s.replacement,
              "reason": s.reason.value} for s in result.spans]
    click.echo(json.dumps({"text": result.text, "spans": spans}, ensure_ascii=False, indent=2))
