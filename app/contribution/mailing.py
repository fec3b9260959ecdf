"""E-mails to a resident who gave an e-mail address: their status link on request (at most one every few
minutes), and the team's question when it asks for more information. Sent with app/account/mail.py."""

import re
import smtplib
from datetime import timedelta

from app.account import mail
from app.clock import utcnow
from app.config import Settings
from app.contribution.models import Contribution
from app.errors import DomainError
from app.i18n import gettext as _

MAIL_INTERVAL = timedelta(minutes=10)
# One address, no spaces, a dot in the domain: enough to tell an e-mail from a phone number.
_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class MailRefused(DomainError):
    """The link cannot be e-mailed: no address, no mail server, too soon after the last one, or a server error."""


def address(contribution: Contribution) -> str | None:
    """The e-mail address the resident gave, if their contact is one."""
    contact = (contribution.contact or "").strip()
    return contact if _ADDRESS.fullmatch(contact) else None


def masked(to: str) -> str:
    """The address as a page may show it to whoever holds the link: m…@example.org."""
    name, domain = to.split("@", 1)
    return f"{name[0]}…@{domain}"


def can_mail(settings: Settings, contribution: Contribution) -> bool:
    """Whether the status page offers to e-mail its link."""
    return mail.configured(settings) and address(contribution) is not None


def send_status_link(settings: Settings, contribution: Contribution, url: str) -> str:
    """E-mail the status link to the resident (MailRefused when it cannot be sent now); returns the masked address."""
    to = address(contribution)
    if to is None or not mail.configured(settings):
        raise MailRefused(_("This contribution has no e-mail address to send the link to."), 400)
    last = contribution.link_mailed_at
    if last is not None and utcnow() - last < MAIL_INTERVAL:
        raise MailRefused(_("The link was already sent a few minutes ago: check your inbox and your spam folder."), 429)
    body = _(
        "Hello,\n\nThank you for sharing a memory with {site}. Follow your contribution, and change it if the "
        "museum's team asks you to, at this private address:\n\n{url}\n\nKeep this message: anyone who has the "
        "address can see and withdraw your contribution.\n"
    ).format(site=settings.site_name, url=url)
    _send(settings, to, _("{site}: the link to your memory").format(site=settings.site_name), body)
    contribution.link_mailed_at = utcnow()
    return masked(to)


def send_info_request(settings: Settings, contribution: Contribution, url: str) -> bool:
    """Tell the resident the team asked a question (when they gave an e-mail address); whether a mail went."""
    to = address(contribution)
    if to is None or not mail.configured(settings):
        return False
    body = _(
        "Hello,\n\nThe team of {site} read your memory and would like to know more:\n\n{question}\n\n"
        "Answer by changing your contribution at its private address, then send it again:\n\n{url}\n"
    ).format(site=settings.site_name, question=contribution.info_request, url=url)
    try:
        _send(settings, to, _("{site}: a question about your memory").format(site=settings.site_name), body)
    except MailRefused:
        return False  # the question stays on the status page; the moderator is told no mail went
    return True


def _send(settings: Settings, to: str, subject: str, body: str) -> None:
    try:
        mail.send(settings, to, subject, body)
    except (OSError, smtplib.SMTPException):
        raise MailRefused(
            _("The e-mail could not be sent just now. Copy the address instead, or try later."), 503
        ) from None
