"""Demo clusters and people, drawn from real cluster programmes in Sri Lanka, Bangladesh, the
Mekong countries and Rwanda. Passwords are published in the README: local use only."""

from people import roles
from people.models import Cluster, Sector, User
from people.services import participant_create, user_create

DEMO_PASSWORD = "cluster-demo"  # noqa: S105 - published demo password, refused in production

CLUSTERS = [
    # (name, sector, district, province, country, description)
    (
        "Kegalle Mushroom Growers",
        Sector.AGRICULTURE,
        "Kegalle",
        "Sabaragamuwa",
        "LK",
        "Oyster-mushroom growers who buy spawn and inputs together and sell fresh to "
        "supermarkets in Colombo under forward sales agreements.",
    ),
    (
        "Kegalle Women's Clay Jewellery Cluster",
        Sector.HANDICRAFTS,
        "Kegalle",
        "Sabaragamuwa",
        "LK",
        "Women making clay handicraft jewellery, now exporting to Japan.",
    ),
    (
        "Rambukkana Coir Producers",
        Sector.COIR,
        "Kegalle",
        "Sabaragamuwa",
        "LK",
        "Compact coir bricks and coir products, made mostly by women.",
    ),
    (
        "Pinnawala Elephant-Dung Paper Makers",
        Sector.HANDICRAFTS,
        "Kegalle",
        "Sabaragamuwa",
        "LK",
        "Handmade paper and stationery for tourists and export buyers.",
    ),
    (
        "Molagoda Pottery Makers",
        Sector.POTTERY,
        "Kegalle",
        "Sabaragamuwa",
        "LK",
        "Traditional potters lobbying together for clay transport permits.",
    ),
    (
        "Narayanganj Jamdani Weavers",
        Sector.TEXTILES,
        "Narayanganj",
        "Dhaka",
        "BD",
        "Handloom jamdani sari weavers supported by the SME Foundation cluster programme.",
    ),
    (
        "Kampong Chhnang Pottery Cluster",
        Sector.POTTERY,
        "Kampong Chhnang",
        "Kampong Chhnang",
        "KH",
        "Village potters preparing to form an export consortium.",
    ),
    (
        "Dan Kwian Pottery Village",
        Sector.POTTERY,
        "Chok Chai",
        "Nakhon Ratchasima",
        "TH",
        "A host cluster for exposure visits: rust-coloured stoneware sold across Thailand.",
    ),
    (
        "Kigali Leather Footwear Cooperative",
        Sector.LEATHER,
        "Nyarugenge",
        "Kigali",
        "RW",
        "Footwear and leather-goods makers working on joint procurement and marketing.",
    ),
]

STAFF = [
    # (full name, email, phone, role, language)
    (
        "Nimali Perera",
        "trainer@demo.clusteracademy.org",
        "+94771000001",
        roles.TRAINER,
        "si",
    ),
    (
        "Sokha Chan",
        "officer@demo.clusteracademy.org",
        "+85512000002",
        roles.OFFICER,
        "en",
    ),
    (
        "Site Administrator",
        "admin@demo.clusteracademy.org",
        None,
        roles.ADMINISTRATOR,
        "en",
    ),
]

PARTICIPANTS = [
    # (full name, email, phone, language, gender, birth year, cluster index, enterprise, products)
    (
        "W. M. Kumari Wijesinghe",
        "participant@demo.clusteracademy.org",
        "+94771234567",
        "si",
        "female",
        1984,
        0,
        "Kumari Mushrooms",
        "Fresh oyster mushrooms, mushroom curry packs",
    ),
    (
        "R. P. Sunil Bandara",
        None,
        "+94772345678",
        "si",
        "male",
        1977,
        0,
        "Bandara Mushroom Farm",
        "Fresh and dried oyster mushrooms, spawn bottles",
    ),
    (
        "Chamila Dissanayake",
        None,
        "+94773456789",
        "si",
        "female",
        1991,
        1,
        "Chami Clay Crafts",
        "Clay earrings, necklaces and bangles",
    ),
    (
        "Kamala Rajendran",
        None,
        "+94774567890",
        "ta",
        "female",
        1988,
        2,
        "Rajendran Coir Works",
        "Compact coir bricks, coir pots",
    ),
    (
        "H. A. Pradeep Kumara",
        "pradeep.kumara@demo.clusteracademy.org",
        None,
        "si",
        "male",
        1995,
        3,
        "Pinnawala Paper Studio",
        "Elephant-dung paper notebooks and cards",
    ),
    (
        "Anoma Herath",
        None,
        "+94775678901",
        "si",
        "female",
        1969,
        4,
        "Herath Pottery",
        "Cooking pots, flower pots",
    ),
    (
        "Rokeya Begum",
        None,
        "+8801711000001",
        "bn",
        "female",
        1986,
        5,
        "Rokeya Jamdani",
        "Jamdani saris and scarves",
    ),
    (
        "Md. Abdul Karim",
        None,
        "+8801711000002",
        "bn",
        "male",
        1980,
        5,
        "Karim Handloom",
        "Jamdani saris",
    ),
    (
        "Srey Mom",
        None,
        "+85512000101",
        "km",
        "female",
        1993,
        6,
        "Srey Mom Pottery",
        "Water jars, cooking stoves",
    ),
    (
        "Somchai Thongdee",
        None,
        "+66810000101",
        "th",
        "male",
        1975,
        7,
        "Thongdee Ceramics",
        "Stoneware vases and tiles",
    ),
    (
        "Uwase Claudine",
        None,
        "+250788000101",
        "rw",
        "female",
        1990,
        8,
        "Uwase Leather",
        "Sandals, handbags",
    ),
    (
        "Habimana Jean Bosco",
        None,
        "+250788000102",
        "fr",
        "male",
        1983,
        8,
        "Habimana Shoes",
        "Leather shoes for schools",
    ),
]


def seed(*, log) -> None:
    clusters = []
    for name, sector, district, province, country, description in CLUSTERS:
        cluster, created = Cluster.objects.get_or_create(
            name=name,
            district=district,
            country=country,
            defaults={
                "sector": sector,
                "province": province,
                "description": description,
            },
        )
        clusters.append(cluster)
        if created:
            log(f"cluster {name}")

    for full_name, email, phone, role, language in STAFF:
        if not _exists(email, phone):
            user_create(
                full_name=full_name,
                email=email,
                phone=phone,
                role=role,
                password=DEMO_PASSWORD,
                preferred_language=language,
            )
            log(f"{role.lower()} {email}")

    for row in PARTICIPANTS:
        (
            full_name,
            email,
            phone,
            language,
            gender,
            birth_year,
            index,
            enterprise,
            products,
        ) = row
        if _exists(email, phone):
            continue
        participant_create(
            full_name=full_name,
            email=email,
            phone=phone,
            password=DEMO_PASSWORD,
            preferred_language=language,
            gender=gender,
            birth_year=birth_year,
            cluster=clusters[index],
            enterprise_name=enterprise,
            products=products,
        )
        log(f"participant {full_name}")


def _exists(email: str | None, phone: str | None) -> bool:
    query = User.objects.none()
    if email:
        query = query | User.objects.filter(email__iexact=email)
    if phone:
        query = query | User.objects.filter(phone=phone)
    return query.exists()
