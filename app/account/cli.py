"""`museum users`: create the first administrator, list accounts, change roles, reset passwords, make tokens."""

import sys

import click

from app.clitools import command_session

# app.account.roles.ROLES, spelled out: importing it loads Babel and the settings, a fifth of a second that
# `museum --help` does not need (tests/account/test_cli.py checks that both lists agree).
ROLE = click.Choice(("admin", "supervisor", "curator", "contributor"))
CLI = "command line"  # where the audit log says these changes came from


@click.group("users")
def users_group() -> None:
    """Accounts: admin, supervisor, curator, contributor."""
    from app import i18n

    # The messages services raise, in the language of the other commands (until the command ends).
    click.get_current_context().with_resource(i18n.language("en"))


def _user(session, name: str):
    from app.account import service

    user = service.get_by_name(session, name)
    if user is None:
        raise click.ClickException(f"no account is named {name!r} (see `museum users list`)")
    return user


@users_group.command("add")
@click.argument("name")
@click.option("--role", type=ROLE, required=True, help="The account's role.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (else one is made).")
@click.option("--email", default="", help="E-mail address, for password-reset links.")
@click.option("--display-name", default="", help="The name shown on the site (default: the login name).")
def add_command(name: str, role: str, password_stdin: bool, email: str, display_name: str) -> None:
    """Create an account; prints the generated password once unless --password-stdin is given."""
    from app.account import passwords, service
    from app.account.service import AccountError

    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else passwords.generate()
    with command_session() as (session, _settings):
        try:
            user = service.create(session, name, role, password, display_name=display_name, email=email, address=CLI)
        except AccountError as error:
            raise click.ClickException(str(error)) from None
        session.commit()
    click.echo(f"{user.name}: {user.role} account created")
    if not password_stdin:
        click.echo(f"password (shown only now): {password}")


@users_group.command("list")
def list_command() -> None:
    """Every account: name, role, state, e-mail, last login."""
    from app.account import service

    with command_session() as (session, _settings):
        users = service.list_users(session)
    for user in users:
        last = user.last_login_at.strftime("%Y-%m-%d %H:%M") if user.last_login_at else "never"
        state = "active" if user.active else "deactivated"
        click.echo(f"{user.name:<24} {user.role:<12} {state:<12} {user.email or '-':<32} last login {last}")
    click.echo(f"{len(users)} accounts")


@users_group.command("set-role")
@click.argument("name")
@click.argument("role", type=ROLE)
def set_role_command(name: str, role: str) -> None:
    """Give an account another role (its login sessions end)."""
    from app.account import service
    from app.account.service import AccountError

    with command_session() as (session, _settings):
        user = _user(session, name)
        try:
            service.set_role(session, user, role, address=CLI)
        except AccountError as error:
            raise click.ClickException(str(error)) from None
        session.commit()
    click.echo(f"{name}: role is now {role}")


@users_group.command("reset-password")
@click.argument("name")
def reset_password_command(name: str) -> None:
    """Make a one-time link to choose a new password: e-mailed when SMTP is set up, else printed."""
    from app.account import mail, resets

    with command_session() as (session, settings):
        user = _user(session, name)
        link = resets.create(session, user, settings, address=CLI)
        url = link.url(settings.public_base_url or "http://127.0.0.1:8000")
        session.commit()
    if mail.configured(settings) and user.email:
        _mail_link(settings, user, url)
        click.echo(f"{name}: a one-time link was sent to {user.email} (valid {settings.reset_link_hours} h)")
    else:
        click.echo(f"{name}: one-time link, valid {settings.reset_link_hours} h:\n{url}")


def _mail_link(settings, user, url: str) -> None:
    import smtplib

    from app.account import mail

    body = (
        f"Hello {user.display_name},\n\nChoose a new password for your account “{user.name}” on "
        f"{settings.site_name} with this link (it works once, within {settings.reset_link_hours} hours):\n\n"
        f"{url}\n\nIf you did not ask for it, ignore this message.\n"
    )
    try:
        mail.send(settings, user.email, f"{settings.site_name}: choose a new password", body)
    except (OSError, smtplib.SMTPException) as error:
        raise click.ClickException(f"the e-mail could not be sent ({error}); the link is: {url}") from None


@users_group.command("token")
@click.argument("name")
@click.option("--name", "label", default="museum users token", help="What the token is for.")
def token_command(name: str, label: str) -> None:
    """Print a new personal API token of the account (shown only now)."""
    from app.account import api_tokens

    with command_session() as (session, _settings):
        user = _user(session, name)
        created = api_tokens.create(session, user, label, address=CLI)
        session.commit()
    click.echo(created.token)
