"""Demo pages: the home page's welcome and an "About the programme" page."""

from wagtail.models import Site

from cms.models import HomePage, StandardPage

HOME_INTRODUCTION = (
    "Short courses, workshops and exposure visits for the members of small-enterprise "
    "clusters: food safety, standards, export documents, packaging and bookkeeping, in "
    "your own language and on your phone."
)

ABOUT_BODY = [
    (
        "paragraph",
        "<p>Cluster Academy supports chambers of commerce, SME foundations and NGOs that train "
        "rural micro and small entrepreneurs organised in clusters: mushroom growers, potters, "
        "leather-goods makers, coir and handicraft producers.</p>",
    ),
    ("heading", {"text": "How a programme runs", "size": "h2"}),
    (
        "paragraph",
        "<ol><li>You join a cohort with other members of your cluster.</li>"
        "<li>You study short lessons on your phone and come to workshop days.</li>"
        "<li>You visit another cluster to see how they work.</li>"
        "<li>You write an action plan for your business and carry it out for six months.</li>"
        "<li>You report back on what changed, and receive your certificate.</li></ol>",
    ),
    (
        "callout",
        {
            "kind": "tip",
            "title": "Data costs money",
            "text": "<p>Lessons are made small so they load quickly on a slow connection.</p>",
        },
    ),
]


def seed(*, log) -> None:
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if isinstance(home, HomePage) and not home.introduction.startswith("Short courses"):
        home.title = "Cluster Academy"
        home.introduction = HOME_INTRODUCTION
        home.call_to_action = "Sign in to start learning"
        home.save_revision().publish()
        log("home page introduction")
    if not StandardPage.objects.filter(slug="about", locale=home.locale).exists():
        about = StandardPage(
            title="About the programme",
            slug="about",
            show_in_menus=True,
            introduction="Training that cluster members can use in their business the next day.",
            body=ABOUT_BODY,
        )
        home.add_child(instance=about)
        about.save_revision().publish()
        log("page About the programme")
