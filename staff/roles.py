"""The staff roles of the admin, defined in code so that every install has the same ones.

Each role is a Django group. ``sync_roles()`` creates the groups and gives them their
permissions: model permissions by ``app_label.codename``, page permissions on the root page
(every language) or, for translators, on their language's home page only, and image and
document permissions on the root collection. It is run by this app's migration (a fresh
install has the groups), after every ``migrate`` (permissions of apps added later reach their
groups) and when a language's home page is created (its translators get its tree).

It only ever adds: a permission an administrator removes by hand in the admin comes back
after the next deploy, so lasting changes belong in ``ROLES`` below.
"""

from django.apps import apps as global_apps
from django.conf import settings

EDITORS = "Editors"
MODERATORS = "Moderators"
CASEWORKERS = "Caseworkers"
TREASURER = "Treasurer"
ADMINISTRATORS = "Administrators"
TRANSLATORS_PREFIX = "Translators"

ACCESS_ADMIN = "wagtailadmin.access_admin"

# Model permissions (app_label.codename) per role. Codenames of apps that are not installed
# are skipped, so a role can name the permission of an app that arrives later.
ROLES: dict[str, dict] = {
    EDITORS: {
        "permissions": [
            ACCESS_ADMIN,
            "news.view_topic",
            "news.add_topic",
            "news.change_topic",
            "wagtail_localize.submit_translation",
            "translations.view_translation_status",
            "telegram.view_channelpost",
            # The list of mirror addresses (footer, mirrors page, newsletter): editors keep it.
            "mirrorlist.view_mirroraddress",
            "mirrorlist.add_mirroraddress",
            "mirrorlist.change_mirroraddress",
            "readership.view_readingcount",
        ],
        # Write and submit for review; publishing is the moderators' step.
        "pages": ["add_page", "change_page"],
        "images": ["add_image", "change_image", "choose_image"],
        "documents": ["add_document", "change_document", "choose_document"],
    },
    MODERATORS: {
        "permissions": [
            ACCESS_ADMIN,
            "news.view_topic",
            "news.add_topic",
            "news.change_topic",
            "news.delete_topic",
            "home.view_organisationdetails",
            "home.change_organisationdetails",
            "wagtail_localize.submit_translation",
            "translations.view_translation_status",
            "translations.publish_snippet_translations",
            "campaigns.export_signatures",
            "newsletter.view_newsletterissue",
            "newsletter.add_newsletterissue",
            "newsletter.change_newsletterissue",
            "newsletter.delete_newsletterissue",
            "newsletter.send_newsletterissue",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
            # Not contact.view_contactmessage: moderators publish, they do not answer the people
            # who write (the least data each role needs: docs/data-protection.md, rule 7).
            "telegram.view_channelpost",
            "telegram.manage_channelpost",
            "mirrors.view_originstatus",
            "mirrorlist.view_mirroraddress",
            "mirrorlist.add_mirroraddress",
            "mirrorlist.change_mirroraddress",
            "mirrorlist.delete_mirroraddress",
            "readership.view_readingcount",
        ],
        "pages": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
        "images": ["add_image", "change_image", "choose_image", "delete_image"],
        "documents": ["add_document", "change_document", "choose_document", "delete_document"],
    },
    CASEWORKERS: {
        # Contact messages too: people in trouble often write through the contact form, and
        # caseworkers are the ones who answer people.
        "permissions": [
            ACCESS_ADMIN,
            "contact.handle_helprequests",
            "contact.view_contactmessage",
        ],
    },
    TREASURER: {
        "permissions": [ACCESS_ADMIN, "donations.manage_pledges"],
    },
    ADMINISTRATORS: {
        # Everything: users and groups, sites, locales, settings, and every area above.
        "permissions": "__all__",
        "pages": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
        "images": ["add_image", "change_image", "choose_image", "delete_image"],
        "documents": ["add_document", "change_document", "choose_document", "delete_document"],
    },
}

# Translators: one group per language, pages of that language's tree only.
TRANSLATOR_ROLE = {
    "permissions": [
        ACCESS_ADMIN,
        "news.view_topic",
        # Creates draft translations only (translations/ makes sure of it): they go live
        # through the Editorial review like everything else.
        "wagtail_localize.submit_translation",
        "translations.view_translation_status",
    ],
    "pages": ["change_page"],
}


def translators_group_name(language_code: str) -> str:
    """ "Translators (Русский)": the group of one language's translators."""
    name = dict(settings.LANGUAGES).get(language_code, language_code)
    return f"{TRANSLATORS_PREFIX} ({name})"


def _permissions(Permission, names):  # noqa: N803 - a model class, from the migration's registry
    found = []
    for name in names:
        app_label, codename = name.split(".")
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            found.append(permission)
    return found


def _grant_tree(GroupPermission, Permission, group, target_field, target, app_label, codenames):  # noqa: N803
    for permission in _permissions(Permission, [f"{app_label}.{codename}" for codename in codenames]):
        GroupPermission.objects.get_or_create(group=group, permission=permission, **{target_field: target})


def sync_roles(apps=global_apps, exact: bool = False) -> None:
    """Create the role groups and add their permissions.

    ``exact`` (the migration only) also removes what a role does not list, e.g. the image
    deletion Wagtail's own migrations give its default Editors group.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    def apply(group, role, pages_under):
        if exact:
            group.permissions.clear()
            GroupPagePermission.objects.filter(group=group).delete()
            GroupCollectionPermission.objects.filter(group=group).delete()
        if role.get("permissions") == "__all__":
            group.permissions.add(*Permission.objects.all())
        else:
            group.permissions.add(*_permissions(Permission, role.get("permissions", [])))
        for page in pages_under:
            _grant_tree(
                GroupPagePermission, Permission, group, "page", page, "wagtailcore", role.get("pages", [])
            )
        if root_collection is not None:
            _grant_tree(
                GroupCollectionPermission,
                Permission,
                group,
                "collection",
                root_collection,
                "wagtailimages",
                role.get("images", []),
            )
            _grant_tree(
                GroupCollectionPermission,
                Permission,
                group,
                "collection",
                root_collection,
                "wagtaildocs",
                role.get("documents", []),
            )

    for name, role in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        apply(group, role, [root_page] if root_page is not None else [])

    for code, _label in settings.LANGUAGES:
        group, _ = Group.objects.get_or_create(name=translators_group_name(code))
        locale = Locale.objects.filter(language_code=code).first()
        homes = list(Page.objects.filter(depth=2, locale=locale)) if locale is not None else []
        apply(group, TRANSLATOR_ROLE, homes)
