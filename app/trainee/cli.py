"""`museum trainees` (list, forget) and `museum cohorts` (list): no follow-up data is ever printed."""

import click

from app.clitools import command_session

CLI = "command line"  # where the audit log says these changes came from


@click.group("trainees")
def trainees_group() -> None:
    """Trainees of the programme cohorts: list them, forget one on request."""


@click.group("cohorts")
def cohorts_group() -> None:
    """Programme cohorts."""


@trainees_group.command("list")
@click.option("--cohort", "slug", default="", help="Only the trainees of this cohort (its slug).")
def list_command(slug: str) -> None:
    """Trainees: login name, cohort, dates (never their personal or follow-up data)."""
    from app.trainee import service

    with command_session() as (session, _settings):
        cohort = service.cohort_by_slug(session, slug) if slug else None
        if slug and cohort is None:
            raise click.ClickException(f"no cohort is named {slug!r} (see `museum cohorts list`)")
        trainees = service.active_trainees(session, cohort.id if cohort else None)
        for profile in trainees:
            ends = profile.ends_on.isoformat() if profile.ends_on else "…"
            example = "  (example)" if profile.example else ""
            login = profile.user.name if profile.user else "-"
            click.echo(f"{login:<24} {profile.cohort.slug:<32} {profile.starts_on} – {ends}{example}")
    click.echo(f"{len(trainees)} trainees")


@trainees_group.command("forget")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def forget_command(name: str, yes: bool) -> None:
    """Erase a trainee's personal data and account on request; anonymous counts are kept."""
    from app import i18n
    from app.account import service as account_service
    from app.trainee import service

    with command_session() as (session, _settings), i18n.language("fr"):
        user = account_service.get_by_name(session, name)
        profile = service.profile_of(session, user.id) if user else None
        if user is None or profile is None:
            raise click.ClickException(f"no trainee has the login name {name!r} (see `museum trainees list`)")
        if not yes:
            click.confirm(f"Erase the personal data and the account of {user.name}? This cannot be undone", abort=True)
        number = profile.id
        service.forget(session, profile, address=CLI)
        session.commit()
    click.echo(
        f"{name}: forgotten. Erased: public name, photo, languages, origin, gender, outcome date and note, "
        f"public choices; the account's login name, display name, e-mail and password (it can no longer log in), "
        f"its sessions, API tokens and password links."
    )
    click.echo(f"Kept, anonymously as trainee no. {number}: hours logged, tasks done and the exit outcome's category.")


@cohorts_group.command("list")
def cohorts_command() -> None:
    """Cohorts: slug, dates, number of trainees, name."""
    from app.trainee import service

    with command_session() as (session, _settings):
        cohorts = service.cohorts(session)
        for cohort in cohorts:
            count = sum(1 for profile in cohort.trainees if profile.forgotten_at is None)
            ends = cohort.ends_on.isoformat() if cohort.ends_on else "…"
            click.echo(f"{cohort.slug:<32} {cohort.starts_on} – {ends}  {count:>3} trainees  {cohort.name}")
    click.echo(f"{len(cohorts)} cohorts")
