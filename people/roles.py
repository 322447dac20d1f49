"""The four roles, as Django groups, and the permissions each one carries.

The groups are created by a data migration; their permissions are (re)applied after every
`migrate`, because apps added later bring permissions of their own. A role's permissions are
listed here as `app_label.codename`; those whose app is not installed yet are skipped.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext_lazy as _

PARTICIPANT = "Participant"
TRAINER = "Trainer"
OFFICER = "Programme officer"
ADMINISTRATOR = "Administrator"

ROLE_LABELS = {
    PARTICIPANT: _("Participant"),
    TRAINER: _("Trainer"),
    OFFICER: _("Programme officer"),
    ADMINISTRATOR: _("Administrator"),
}

# Roles that work in the Wagtail admin. Participants never see it.
STAFF_ROLES = {TRAINER, OFFICER, ADMINISTRATOR}

_ADMIN_ACCESS = ["wagtailadmin.access_admin"]
_MEDIA = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
_PEOPLE_VIEW = [
    "people.view_cluster",
    "people.view_enterprise",
    "people.view_participantprofile",
]
_PEOPLE_MANAGE = [
    *_PEOPLE_VIEW,
    "people.add_cluster",
    "people.change_cluster",
    "people.add_enterprise",
    "people.change_enterprise",
    "people.add_participantprofile",
    "people.change_participantprofile",
]

_QUIZ_AUTHOR = [
    *[
        f"assessments.{action}_{model}"
        for model in ("quiz", "question")
        for action in ("add", "change", "delete", "view")
    ],
    "assessments.add_questionbank",
    "assessments.change_questionbank",
    "assessments.view_questionbank",
    "assessments.view_quiz_report",
    "assessments.view_attempt",
]
_QUIZ_RESULTS = [
    "assessments.view_quiz",
    "assessments.view_question",
    "assessments.view_questionbank",
    "assessments.view_quiz_report",
    "assessments.view_attempt",
]

_H5P_AUTHOR = [
    *[
        f"interactive.{action}_h5pcontent"
        for action in ("add", "change", "delete", "view")
    ],
    "interactive.view_h5p_report",
    "interactive.view_h5presult",
]
_H5P_RESULTS = [
    "interactive.view_h5pcontent",
    "interactive.view_h5p_report",
    "interactive.view_h5presult",
]

_COHORTS_RUN = [
    "cohorts.view_programme",
    "cohorts.view_cohort",
    "cohorts.view_session",
    "cohorts.view_venue",
    "cohorts.view_enrolment",
    "cohorts.view_attendance",
]
_COHORTS_MANAGE = [
    *_COHORTS_RUN,
    *[
        f"cohorts.{action}_{model}"
        for model in ("programme", "cohort", "session", "venue", "enrolment")
        for action in ("add", "change")
    ],
    "cohorts.delete_session",
]

_PLANS_AUTHOR = [
    *[f"actionplans.{action}_plantemplate" for action in ("add", "change", "view")],
    "actionplans.view_indicator",
]
_PLANS_MANAGE = [
    "actionplans.view_plantemplate",
    *[f"actionplans.{action}_indicator" for action in ("add", "change", "view")],
]

_CERTIFICATES_AUTHOR = [
    *[
        f"certificates.{action}_certificatetemplate"
        for action in ("add", "change", "view")
    ],
]
_CERTIFICATES_MANAGE = [
    *_CERTIFICATES_AUTHOR,
    *[
        f"certificates.{action}_certificatesetup"
        for action in ("add", "change", "view")
    ],
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    PARTICIPANT: [],
    TRAINER: [
        *_ADMIN_ACCESS,
        *_MEDIA,
        *_PEOPLE_VIEW,
        "wagtail_localize.submit_translation",
        "courses.view_progress_report",
        *_QUIZ_AUTHOR,
        *_H5P_AUTHOR,
        *_COHORTS_RUN,
        *_PLANS_AUTHOR,
        *_CERTIFICATES_AUTHOR,
    ],
    OFFICER: [
        *_ADMIN_ACCESS,
        *_MEDIA,
        *_PEOPLE_MANAGE,
        "people.delete_enterprise",
        "wagtail_localize.submit_translation",
        "courses.view_progress_report",
        *_QUIZ_RESULTS,
        *_H5P_RESULTS,
        *_COHORTS_MANAGE,
        *_PLANS_MANAGE,
        *_CERTIFICATES_MANAGE,
    ],
    ADMINISTRATOR: ["*"],  # every permission there is
}

# Wagtail page-tree permissions, granted on the root page.
ROLE_PAGE_PERMISSIONS: dict[str, list[str]] = {
    PARTICIPANT: [],
    TRAINER: ["add_page", "change_page", "publish_page"],
    OFFICER: ["add_page", "change_page"],
    ADMINISTRATOR: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
}
ROLE_COLLECTION_PERMISSIONS: dict[str, list[str]] = {
    TRAINER: [*_MEDIA],
    OFFICER: [*_MEDIA],
    ADMINISTRATOR: [
        *_MEDIA,
        "wagtailimages.delete_image",
        "wagtaildocs.delete_document",
    ],
}


def sync_roles(apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> None:
    """Create the four groups if missing and give each exactly the permissions listed above
    (added ones granted; none taken away, so an administrator's manual grants survive)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codes in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        if codes == ["*"]:
            perms = Permission.objects.using(using).all()
        else:
            perms = [p for p in (_find(Permission, code, using) for code in codes) if p]
        group.permissions.add(*perms)
        _sync_page_permissions(apps, using, group, ROLE_PAGE_PERMISSIONS.get(role, []))
        _sync_collection_permissions(
            apps, using, group, ROLE_COLLECTION_PERMISSIONS.get(role, [])
        )


def _find(Permission, code: str, using: str):
    app_label, codename = code.split(".", 1)
    return (
        Permission.objects.using(using)
        .filter(content_type__app_label=app_label, codename=codename)
        .first()
    )


def _sync_page_permissions(apps, using, group, codenames):
    try:
        Page = apps.get_model("wagtailcore", "Page")
        GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    except LookupError:
        return
    root = Page.objects.using(using).filter(depth=1).first()
    if root is None:
        return
    for codename in codenames:
        permission = _find(
            apps.get_model("auth", "Permission"), f"wagtailcore.{codename}", using
        )
        if permission:
            GroupPagePermission.objects.using(using).get_or_create(
                group=group, page=root, permission=permission
            )


def _sync_collection_permissions(apps, using, group, codes):
    try:
        Collection = apps.get_model("wagtailcore", "Collection")
        GroupCollectionPermission = apps.get_model(
            "wagtailcore", "GroupCollectionPermission"
        )
    except LookupError:
        return
    root = Collection.objects.using(using).filter(depth=1).first()
    if root is None:
        return
    Permission = apps.get_model("auth", "Permission")
    for code in codes:
        permission = _find(Permission, code, using)
        if permission:
            GroupCollectionPermission.objects.using(using).get_or_create(
                group=group, collection=root, permission=permission
            )


def create_groups(apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> None:
    """Create the four role groups (the data migration's half of the work)."""
    Group = apps.get_model("auth", "Group")
    for role in ROLE_PERMISSIONS:
        Group.objects.using(using).get_or_create(name=role)


def sync_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate receiver. post_migrate fires once per installed app, and an app's
    permissions are created by its own signal, so act on the last app's signal, after making
    sure every app's permissions exist."""
    from django.contrib.auth.management import create_permissions

    app_configs = [
        c for c in global_apps.get_app_configs() if c.models_module is not None
    ]
    if sender.label != app_configs[-1].label:
        return
    for app_config in app_configs:
        create_permissions(app_config, verbosity=0, using=using)
    sync_roles(global_apps, using=using)


def role_of(user) -> str | None:
    """The most capable role a person holds, for display and routing."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return ADMINISTRATOR
    names = {group.name for group in user.groups.all()}
    for role in (ADMINISTRATOR, OFFICER, TRAINER, PARTICIPANT):
        if role in names:
            return role
    return None
