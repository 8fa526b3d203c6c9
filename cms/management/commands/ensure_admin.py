import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create the `admin` superuser if it does not exist. The password comes from "
        "CMS_ADMIN_PASSWORD, or is generated and printed once."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username: str, **options) -> None:
        User = get_user_model()
        try:
            # create_superuser() does not validate: "" was a ValueError traceback, and a name
            # the admin's login form would refuse was stored.
            User._meta.get_field(User.USERNAME_FIELD).clean(username, None)
        except ValidationError as exc:
            raise CommandError(f"--username {username!r}: {' '.join(exc.messages)}") from None
        if User.objects.filter(username=username).exists():
            # Said in full because the first run's hint, "set CMS_ADMIN_PASSWORD", does nothing
            # once the account exists: a lost password needs changepassword.
            self.stdout.write(
                f"Superuser {username!r} already exists; its password is unchanged "
                f"(CMS_ADMIN_PASSWORD is read only when it is created; "
                f"`manage.py changepassword {username}` sets a new one)."
            )
            return
        password = os.environ.get("CMS_ADMIN_PASSWORD", "")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        else:
            # Django's validators (AUTH_PASSWORD_VALIDATORS), as the admin's password change
            # applies them: only the length was checked, so "password123" made a superuser.
            try:
                validate_password(password, User(username=username))
            except ValidationError as exc:
                raise CommandError(f"CMS_ADMIN_PASSWORD: {' '.join(exc.messages)}") from None
        User.objects.create_superuser(username=username, email="", password=password)
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Created superuser {username!r} with password: {password}\n"
                    "Keep it: it is not shown again (set CMS_ADMIN_PASSWORD to choose one)."
                )
            )
        else:
            self.stdout.write(
                f"Created superuser {username!r} with the password from CMS_ADMIN_PASSWORD."
            )
