"""English teaching content for the five Cluster Academy demo courses.

Plain Python literals only. Each course has 2 modules, each module 2 lessons.
Lesson bodies are lists of (block_type, value) pairs: "paragraph" and
"heading" take strings; "callout" and "checklist" take dicts.
"""

COURSES = [
    # ------------------------------------------------------------------
    # 1. HACCP basics
    # ------------------------------------------------------------------
    {
        "slug": "haccp-basics",
        "title": "HACCP basics for small food processors",
        "topic": "food_safety",
        "level": "beginner",
        "estimated_hours": 2,
        "summary": (
            "Learn how to find and control the hazards that can make your food unsafe. "
            "The course follows the HACCP system of the Codex Alimentarius, step by step."
        ),
        "learning_outcomes": [
            "Name the three main kinds of food safety hazard and give an example of each",
            "Follow the basic hygiene rules that HACCP depends on",
            "Explain the seven HACCP principles in simple words",
            "Keep a correct record for a critical control point",
        ],
        "modules": [
            {
                "slug": "why-food-safety",
                "title": "Why food safety matters",
                "summary": "What makes food unsafe, and the hygiene rules that stop most problems.",
                "lessons": [
                    {
                        "slug": "what-makes-food-unsafe",
                        "title": "What makes food unsafe",
                        "minutes": 8,
                        "completion": "viewed",
                        "body": [
                            (
                                "paragraph",
                                "<p>Food is unsafe when it contains something that can make a person ill or hurt them. "
                                "Food safety experts call this a <b>hazard</b>.</p>"
                                "<p><b>HACCP</b> means Hazard Analysis and Critical Control Point. "
                                "It is a way to find the hazards in your work and control them before the food reaches a customer. "
                                "You cannot test every packet, so you must stop hazards at each step of your work.</p>",
                            ),
                            ("heading", "Three kinds of hazard"),
                            (
                                "paragraph",
                                "<ul>"
                                "<li><b>Biological hazards</b> are living things, such as bacteria, moulds and viruses. "
                                "They often come from dirty hands, dirty water, or food kept warm for too long.</li>"
                                "<li><b>Chemical hazards</b> include pesticides, cleaning liquids, machine oil and some natural poisons. "
                                "Allergens, such as peanuts or milk, are also chemical hazards.</li>"
                                "<li><b>Physical hazards</b> are hard or sharp objects, such as glass, stones, metal, hair or pieces of plastic.</li>"
                                "</ul>",
                            ),
                            ("heading", "An example from Kegalle"),
                            (
                                "paragraph",
                                "<p>A group of mushroom growers in Kegalle, Sri Lanka, dries oyster mushrooms for shops. "
                                "Bacteria can grow if fresh mushrooms wait too long, wet and warm, before drying. "
                                "Moulds can grow if dried mushrooms take in moisture from the air in the store.</p>"
                                "<p>A small stone or a staple from a sack can fall into the product during sorting. "
                                "Each of these hazards is different, and each needs a different control.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "key_term",
                                    "title": "Hazard and risk",
                                    "text": "<p>A <b>hazard</b> is the thing that can cause harm. "
                                    "<b>Risk</b> is how likely the harm is, and how serious it would be. "
                                    "HACCP helps you put most of your effort on the hazards with the highest risk.</p>",
                                },
                            ),
                            (
                                "checklist",
                                {
                                    "title": "Find the hazards in your own work",
                                    "items": [
                                        "Write down every step, from raw material to sale",
                                        "At each step, ask: can something living, chemical or hard get in, or grow, here?",
                                        "Mark the hazards that could cause serious harm",
                                        "Ask a food officer or a cluster trainer to check your list",
                                    ],
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "good-hygiene-first",
                        "title": "Good hygiene comes first",
                        "minutes": 9,
                        "completion": "viewed",
                        "body": [
                            (
                                "paragraph",
                                "<p>HACCP does not work alone. It stands on good hygiene practices that you follow every day.</p>"
                                "<p>The <b>Codex Alimentarius</b> is the set of international food standards made by FAO and WHO. "
                                "Its text called General Principles of Food Hygiene describes these basic rules, and it also contains HACCP.</p>",
                            ),
                            (
                                "paragraph",
                                "<p>Many people call these basic rules <b>prerequisite programmes</b>. "
                                "They control the common hazards, so your HACCP plan can focus on a few key steps.</p>",
                            ),
                            ("heading", "The basic hygiene rules"),
                            (
                                "paragraph",
                                "<ul>"
                                "<li><b>Hands and clothes:</b> wash hands with soap and clean water before work, after the toilet and after touching waste. "
                                "Cover cuts, and wear clean clothes and a head cover.</li>"
                                "<li><b>Water:</b> use safe drinking water to wash food, tools and hands.</li>"
                                "<li><b>Cleaning:</b> clean tables, knives and trays after each use. "
                                "Keep cleaning chemicals in a labelled place, away from food.</li>"
                                "<li><b>Pests:</b> keep rats, insects, birds and pets out. Close gaps and keep waste covered.</li>"
                                "<li><b>Temperature:</b> do not leave fresh or cooked food warm for hours. Keep it cold, or process it quickly.</li>"
                                "<li><b>Separation:</b> keep raw materials, waste and finished products apart.</li>"
                                "</ul>",
                            ),
                            (
                                "paragraph",
                                "<p>In the Kegalle drying room, the growers put fine mesh on the windows to keep out flies. "
                                "They wash the drying trays every day and let them dry fully before use. "
                                "A worker who is ill does other work, away from the mushrooms.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "title": "Illness at work",
                                    "text": "<p>A person with diarrhoea, vomiting, fever or an infected cut must not handle food. "
                                    "Make it easy for workers to tell you when they are ill.</p>",
                                },
                            ),
                            (
                                "checklist",
                                {
                                    "title": "Daily hygiene check",
                                    "items": [
                                        "Soap and clean water are ready at the hand-washing place",
                                        "All tables, tools and trays were cleaned after the last work",
                                        "There are no signs of rats, insects or birds",
                                        "Cleaning chemicals are stored away from food",
                                        "Every worker is well and wears clean clothes and a head cover",
                                    ],
                                },
                            ),
                            ("h5p", {"h5p": "Is this a safe habit?"}),
                        ],
                    },
                ],
            },
            {
                "slug": "building-a-haccp-plan",
                "title": "Building a HACCP plan",
                "summary": "The seven HACCP principles and how to use them at one critical step.",
                "lessons": [
                    {
                        "slug": "seven-principles",
                        "title": "The seven HACCP principles",
                        "minutes": 10,
                        "completion": "viewed",
                        "body": [
                            (
                                "paragraph",
                                "<p>Codex suggests five steps to prepare. Form a small HACCP team, describe your product, and write down who will eat it and how. "
                                "Then draw a flow diagram of every step, and walk through the real work to check it.</p>"
                                "<p>In a small business, the team may be the owner and one or two workers. "
                                "A food officer or a cluster trainer can help.</p>",
                            ),
                            ("heading", "The seven principles"),
                            (
                                "paragraph",
                                "<ol>"
                                "<li><b>Conduct a hazard analysis.</b> List the hazards at each step and decide how to control them.</li>"
                                "<li><b>Determine the critical control points (CCPs).</b> A CCP is a step where control is essential to prevent a serious hazard, remove it, or reduce it to a safe level.</li>"
                                "<li><b>Establish critical limits.</b> A critical limit is a clear value that separates safe from unsafe, such as a temperature, a time or a pH. "
                                "You must have evidence that the limit works.</li>"
                                "<li><b>Establish monitoring.</b> Decide who checks each CCP, how, and how often.</li>"
                                "<li><b>Establish corrective actions.</b> Decide in advance what to do when a check shows the limit was not met.</li>"
                                "<li><b>Validate the plan and set up verification.</b> Show that the plan can control the hazards, then check from time to time that it really works.</li>"
                                "<li><b>Keep documents and records.</b> Keep the written plan and the records of every check and action.</li>"
                                "</ol>",
                            ),
                            ("heading", "Using the principles in Kegalle"),
                            (
                                "paragraph",
                                "<p>For dried oyster mushrooms, the flow diagram may be: receive, sort, slice, dry, cool, pack, store and sell. "
                                "The team may decide that drying is a CCP, because well-dried mushrooms do not allow moulds and bacteria to grow. "
                                "Hand washing and tray cleaning stay under the daily hygiene rules.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "title": "Not every step is a CCP",
                                    "text": "<p>Many small processors have only one to three CCPs. "
                                    "If good hygiene already controls a hazard well, that step is usually not a CCP.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "monitoring-and-records",
                        "title": "Monitoring, corrective action and records",
                        "minutes": 10,
                        "completion": "marked_done",
                        "body": [
                            (
                                "paragraph",
                                "<p>A HACCP plan only protects people if someone checks each CCP every time and writes down the result. "
                                "This lesson follows one CCP from start to end.</p>",
                            ),
                            ("heading", "An example: mushroom pickle"),
                            (
                                "paragraph",
                                "<p>The Kegalle group also makes mushroom pickle in glass jars. "
                                "In low-acid food in closed jars, the bacteria that cause botulism, a rare but very dangerous illness, can grow. "
                                "These bacteria cannot grow when the food is acid enough.</p>"
                                "<p>So the team makes acidifying a CCP. The critical limit is a pH of 4.6 or lower in every batch. "
                                "Their food adviser helped them set a safe recipe and a lower target pH for extra safety.</p>",
                            ),
                            ("heading", "Monitor, correct, verify"),
                            (
                                "paragraph",
                                "<ul>"
                                "<li><b>Monitoring:</b> a trained worker measures the pH of each batch with a pH meter and writes the result at once.</li>"
                                "<li><b>Corrective action:</b> if the pH is above the limit, the batch is not filled into jars. "
                                "The worker adds vinegar as the tested recipe says and measures again, or the batch is thrown away. "
                                "The team also finds out why it happened.</li>"
                                "<li><b>Verification:</b> the pH meter is checked against a standard buffer liquid each day it is used. "
                                "The owner reads the records every week and signs them.</li>"
                                "</ul>",
                            ),
                            (
                                "paragraph",
                                "<p>Keep records at least until the shelf life of the product has ended. "
                                "Your food authority may ask you to keep them longer.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "title": "Write only what you measured",
                                    "text": "<p>Never fill in a record for a check you did not do. "
                                    "False records hide problems and put your customers in danger.</p>",
                                },
                            ),
                            (
                                "checklist",
                                {
                                    "title": "A good CCP record shows",
                                    "items": [
                                        "Date and time",
                                        "Batch or lot number",
                                        "The measured value, for example the pH",
                                        "Name or initials of the person who checked",
                                        "Any corrective action taken",
                                        "Signature of the person who reviewed the record",
                                    ],
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "check-what-you-learnt",
                        "title": "Check what you learnt",
                        "minutes": 10,
                        "completion": "activity_passed",
                        "body": [
                            (
                                "paragraph",
                                "<p>Seven short questions on hygiene and HACCP. "
                                "Pass the quiz to finish this lesson; you can try three times.</p>",
                            ),
                            ("quiz", {"quiz": "Food safety check"}),
                        ],
                    },
                ],
            },
        ],
    },
    # ------------------------------------------------------------------
    # 2. ISO 9001 and ISO 22000
    # ------------------------------------------------------------------
    {
        "slug": "iso-9001-22000-introduction",
        "title": "An introduction to ISO 9001 and ISO 22000",
        "topic": "iso_standards",
        "level": "beginner",
        "estimated_hours": 2,
        "summary": (
            "Find out what ISO 9001 and ISO 22000 are, what they ask of a business, "
            "and whether certification makes sense for a small enterprise or a cluster."
        ),
        "learning_outcomes": [
            "Explain what ISO is and what a management system standard is",
            "Describe how certification works and what it costs",
            "Describe the main ideas of ISO 9001 for quality",
            "Explain how ISO 22000 joins HACCP and good hygiene in one management system",
        ],
        "modules": [
            {
                "slug": "what-iso-standards-are",
                "title": "What ISO standards are",
                "summary": "What ISO is, what a management system is, and what a certificate really means.",
                "lessons": [
                    {
                        "slug": "iso-and-management-systems",
                        "title": "ISO and management system standards",
                        "minutes": 8,
                        "completion": "viewed",
                        "body": [
                            (
                                "paragraph",
                                "<p><b>ISO</b> is the International Organization for Standardization, based in Geneva. "
                                "Its members are the national standards bodies of about 170 countries. "
                                "Examples are the Sri Lanka Standards Institution (SLSI), the Bangladesh Standards and Testing Institution (BSTI) and the Rwanda Standards Board (RSB).</p>",
                            ),
                            (
                                "paragraph",
                                "<p>ISO standards are voluntary. A business uses them because buyers ask for them, or because they help the business work better. "
                                "Only a law or a contract can make a standard required.</p>",
                            ),
                            ("heading", "What is a management system?"),
                            (
                                "paragraph",
                                "<p>A <b>management system</b> is the way a business plans, does, checks and improves its work. "
                                "A management system standard does not tell you how your product must look. "
                                "It tells you how to organise your work so you meet your customers' needs and the law, again and again.</p>"
                                "<ul>"
                                "<li><b>ISO 9001</b> is about managing quality. Any kind of business can use it.</li>"
                                "<li><b>ISO 22000</b> is about managing food safety. It is for businesses in the food chain.</li>"
                                "</ul>",
                            ),
                            (
                                "paragraph",
                                "<p>A jamdani weavers' group in Bangladesh got an order enquiry from a shop abroad. "
                                "The buyer asked how the group makes sure every saree matches the sample.</p>"
                                "<p>The group did not need a certificate to answer. "
                                "It needed a clear, written way of working that every weaver really follows.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "key_term",
                                    "title": "Standard",
                                    "text": "<p>A <b>standard</b> is a document, agreed by experts, that describes a good way to do something. "
                                    "ISO sells its standards. Your national standards body can often give you a copy or help you read one.</p>",
                                },
                            ),
                            (
                                "checklist",
                                {
                                    "title": "A management system in a small business",
                                    "items": [
                                        "Written steps for the main jobs",
                                        "Clear roles: who does what",
                                        "Simple records that show the work was done",
                                        "Regular checks, and a way to fix problems",
                                    ],
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "what-certification-means",
                        "title": "What certification means, and what it costs",
                        "minutes": 9,
                        "completion": "viewed",
                        "body": [
                            (
                                "paragraph",
                                "<p><b>Certification</b> means that an independent company, called a certification body, checks your system and says in writing that it meets the standard. "
                                "ISO itself does not certify businesses and does not issue certificates.</p>",
                            ),
                            ("heading", "The usual steps"),
                            (
                                "paragraph",
                                "<ol>"
                                "<li>Compare your way of working with the standard. This is often called a gap analysis.</li>"
                                "<li>Fill the gaps, write the needed documents, and run the system for some months.</li>"
                                "<li>Do an internal audit and a management review.</li>"
                                "<li>The certification body audits you, usually in two stages.</li>"
                                "<li>If you pass, the certificate is normally valid for three years, with a surveillance audit at least once a year.</li>"
                                "</ol>",
                            ),
                            ("heading", "Costs and choices"),
                            (
                                "paragraph",
                                "<p>You pay for the audits, for your own time, and often for training or an adviser. "
                                "A group of coir-brick producers found that the audit fees alone were more than one month of profit for a small member.</p>"
                                "<p>They decided to sell through their cooperative. The cooperative, as one organisation, prepared for certification, and the members shared the cost of training.</p>",
                            ),
                            (
                                "paragraph",
                                "<p>Before you spend money, ask your buyers what they really need. "
                                "Some buyers accept a visit, a filled questionnaire or test reports instead of a certificate.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "title": "Check who gives the certificate",
                                    "text": "<p>Choose a certification body that is <b>accredited</b> by a national accreditation body. "
                                    "Be careful of offers of a certificate without a real audit. Buyers can check certificates, and a false one can lose you the buyer.</p>",
                                },
                            ),
                            (
                                "checklist",
                                {
                                    "title": "Questions before you decide",
                                    "items": [
                                        "Which buyer asks for certification, and for which standard?",
                                        "Will the buyer accept other evidence?",
                                        "What will audits, training and staff time cost each year?",
                                        "Can the cluster or cooperative share the work and the cost?",
                                    ],
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "slug": "two-key-standards",
                "title": "Two key standards",
                "summary": "The main ideas of ISO 9001 for quality and ISO 22000 for food safety.",
                "lessons": [
                    {
                        "slug": "iso-9001-quality",
                        "title": "ISO 9001: managing quality",
                        "minutes": 10,
                        "completion": "viewed",
                        "body": [
                            (
                                "paragraph",
                                "<p>ISO 9001 sets the requirements for a quality management system. "
                                "At the time of writing, the edition in use is ISO 9001:2015, with a small change added in 2024. "
                                "A new edition is being prepared, so check which version your buyer means.</p>"
                                "<p>ISO 9001 does not set a quality level for your product. "
                                "It asks you to know what your customers and the law require, and to meet it every time.</p>",
                            ),
                            ("heading", "Seven quality management principles"),
                            (
                                "paragraph",
                                "<ol>"
                                "<li><b>Customer focus:</b> know what customers need and try to go beyond it.</li>"
                                "<li><b>Leadership:</b> the owner or leaders set clear aims.</li>"
                                "<li><b>Engagement of people:</b> every worker knows their job and can help.</li>"
                                "<li><b>Process approach:</b> see your work as linked steps.</li>"
                                "<li><b>Improvement:</b> always look for ways to do better.</li>"
                                "<li><b>Evidence-based decisions:</b> decide using records and facts.</li>"
                                "<li><b>Relationship management:</b> work well with suppliers and partners.</li>"
                                "</ol>",
                            ),
                            ("heading", "Plan, do, check, act"),
                            (
                                "paragraph",
                                "<p>ISO 9001 uses a simple cycle: <b>plan</b> what to do, <b>do</b> it, <b>check</b> the results, and <b>act</b> to improve. "
                                "It also asks you to think about risks before they become problems.</p>",
                            ),
                            (
                                "paragraph",
                                "<p>A potters' group in Dan Kwian, Thailand, had many cracked bowls returned by a hotel buyer. "
                                "They started a simple record of cracks for each kiln firing.</p>"
                                "<p>The record showed that most cracks came from bowls dried too fast in the sun. "
                                "So they dried the bowls in the shade, and checked the record again the next month.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "title": "Start without a certificate",
                                    "text": "<p>You can use these ideas today at no cost. "
                                    "Write down your steps, keep simple records and act on what they show.</p>",
                                },
                            ),
                            (
                                "checklist",
                                {
                                    "title": "Try the cycle on one problem",
                                    "items": [
                                        "Plan: choose one problem and decide what to change",
                                        "Do: make the change for one month",
                                        "Check: compare the records before and after",
                                        "Act: keep the change if it works, or try another idea",
                                    ],
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "iso-22000-food-safety",
                        "title": "ISO 22000: managing food safety",
                        "minutes": 10,
                        "completion": "marked_done",
                        "body": [
                            (
                                "paragraph",
                                "<p>ISO 22000 sets the requirements for a food safety management system. "
                                "The edition in use at the time of writing is ISO 22000:2018. "
                                "Any organisation in the food chain can use it, from farms and processors to transport and shops.</p>",
                            ),
                            ("heading", "Four key parts"),
                            (
                                "paragraph",
                                "<ul>"
                                "<li><b>Interactive communication:</b> share food safety information with suppliers, customers and authorities.</li>"
                                "<li><b>System management:</b> plans, roles, records, audits and reviews, as in other ISO management standards.</li>"
                                "<li><b>Prerequisite programmes:</b> the basic hygiene rules, such as cleaning, pest control and safe water.</li>"
                                "<li><b>HACCP principles:</b> hazard analysis, critical control points, monitoring and corrective action.</li>"
                                "</ul>",
                            ),
                            (
                                "paragraph",
                                "<p>ISO 22000 and ISO 9001 use the same main structure of clauses. "
                                "So a business can run one combined system for quality and food safety.</p>",
                            ),
                            ("heading", "Certification schemes"),
                            (
                                "paragraph",
                                "<p>Some large buyers ask for a scheme recognised by the Global Food Safety Initiative (GFSI). "
                                "ISO 22000 on its own is not such a scheme. FSSC 22000 is recognised: it uses ISO 22000 and adds more detailed hygiene requirements.</p>",
                            ),
                            (
                                "paragraph",
                                "<p>The Kegalle mushroom growers sell to local supermarkets. "
                                "They first made their hygiene rules and HACCP plan work well. "
                                "Later, they will ask their buyers whether ISO 22000 or another scheme is worth the cost.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "title": "You may already have a good start",
                                    "text": "<p>If you finished the HACCP basics course, you already know a large part of ISO 22000. "
                                    "The standard adds a management system around your hygiene rules and your HACCP plan. "
                                    "It asks you to plan, check and improve the whole system.</p>",
                                },
                            ),
                            (
                                "checklist",
                                {
                                    "title": "Steps toward ISO 22000",
                                    "items": [
                                        "Follow the basic hygiene rules every day",
                                        "Write and use a HACCP plan for each product",
                                        "Keep monitoring records and review them",
                                        "Agree who talks with suppliers and buyers about food safety",
                                        "Ask buyers which standard or scheme they require",
                                    ],
                                },
                            ),
                        ],
                    },
                ],
            },
        ],
    },
    # ------------------------------------------------------------------
    # 3. HS codes and export documents
    # ------------------------------------------------------------------
    {
        "slug": "hs-codes-export-documents",
        "title": "HS codes and export documents",
        "topic": "export_documentation",
        "level": "intermediate",
        "estimated_hours": 3,
        "summary": (
            "Understand how HS codes classify your product, and prepare the main documents "
            "that every export shipment needs."
        ),
        "learning_outcomes": [
            "Explain how an HS code is built and who sets each part",
            "Find the right code for your product with help from customs",
            "Name the main export documents and what each one is for",
            "Check that all documents for a shipment agree with each other",
        ],
        "modules": [
            {
                "slug": "understanding-hs-codes",
                "title": "Understanding HS codes",
                "summary": "How the Harmonized System works and how to find your product's code.",
                "lessons": [
                    {
                        "slug": "how-hs-codes-work",
                        "title": "How HS codes work",
                        "minutes": 9,
                        "completion": "viewed",
                        "body": [
                            (
                                "paragraph",
                                "<p>Every product that crosses a border needs a code number. "
                                "Customs uses the code to decide the import duty, to apply trade rules and to count trade.</p>"
                                "<p>Most countries use the <b>Harmonized System (HS)</b>, managed by the World Customs Organization (WCO). "
                                "More than 200 countries and economies use it, and it covers almost all goods in world trade.</p>",
                            ),
                            ("heading", "How the number is built"),
                            (
                                "paragraph",
                                "<p>The first six digits are the same in every country that uses the HS. Here is an example from Kegalle:</p>"
                                "<ul>"
                                "<li><b>07</b> is the <b>chapter</b>: edible vegetables.</li>"
                                "<li><b>0709</b> is the <b>heading</b>: other vegetables, fresh or chilled.</li>"
                                "<li><b>0709.51</b> is the <b>subheading</b>: mushrooms of the genus <i>Agaricus</i> (button mushrooms), fresh or chilled.</li>"
                                "</ul>",
                            ),
                            (
                                "paragraph",
                                "<p>Each country then adds more digits for its own tariff and statistics. "
                                "So a full national code often has 8 or 10 digits. "
                                "These extra digits are different in different countries.</p>"
                                "<p>For example, the same mushrooms start with the same 6 digits everywhere. "
                                "But the full national code in Sri Lanka can be different from the full code in the buyer's country.</p>",
                            ),
                            ("heading", "The HS changes"),
                            (
                                "paragraph",
                                "<p>The WCO updates the HS about every five years. "
                                "The edition in use at the time of writing is HS 2022, and the next one is planned for 2028. "
                                "A code you used a few years ago may have changed, so check it again.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "key_term",
                                    "title": "Chapter, heading, subheading",
                                    "text": "<p>The <b>chapter</b> has 2 digits, the <b>heading</b> has 4 and the <b>subheading</b> has 6. "
                                    "Your importer's country uses the same 6 digits, but its own longer code.</p>",
                                },
                            ),
                            (
                                "checklist",
                                {
                                    "title": "Remember",
                                    "items": [
                                        "The first 6 digits are international",
                                        "Digits 7 to 10 are national and differ by country",
                                        "The HS is updated about every five years",
                                        "Look up the current code with your customs office",
                                    ],
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "finding-your-code",
                        "title": "Finding the right code for your product",
                        "minutes": 10,
                        "completion": "viewed",
                        "body": [
                            (
                                "paragraph",
                                "<p>The code depends on what the product is, what it is made of, and how it has been processed. "
                                "A small change in the product can change the code.</p>",
                            ),
                            ("heading", "Mushrooms: one crop, many codes"),
                            (
                                "paragraph",
                                "<p>The Kegalle growers mostly grow oyster mushrooms, not button mushrooms. "
                                "Fresh oyster mushrooms are not in 0709.51, which is only for <i>Agaricus</i>. "
                                "In HS 2022 they fall under 0709.59, other mushrooms, fresh or chilled.</p>"
                                "<ul>"
                                "<li>Dried mushrooms go to heading 0712 (dried vegetables), in a different subheading.</li>"
                                "<li>Mushrooms pickled in vinegar go to heading 2001.</li>"
                                "<li>Mushrooms prepared ready to eat in cans or jars, without vinegar, go to heading 2003.</li>"
                                "</ul>",
                            ),
                            (
                                "paragraph",
                                "<p>Other products follow the same logic. "
                                "Leather shoes made in Kigali fall in chapter 64 (footwear). "
                                "The exact heading depends on what the upper and the outer sole are made of.</p>",
                            ),
                            ("heading", "How to find your code"),
                            (
                                "paragraph",
                                "<ol>"
                                "<li>Write a full description: what it is, the materials, how it is processed and packed, and its use.</li>"
                                "<li>Search your national customs tariff, or ask your customs office or a licensed customs broker.</li>"
                                "<li>Ask your buyer which code their customs uses on import.</li>"
                                "<li>If you are still not sure, ask customs for a written advance ruling, where your country offers one.</li>"
                                "</ol>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "title": "A wrong code costs money",
                                    "text": "<p>A wrong code can mean the wrong duty, delays at the border, or a fine. "
                                    "Do not copy a code from a website or another exporter without checking it.</p>",
                                },
                            ),
                            (
                                "checklist",
                                {
                                    "title": "Describe your product for customs",
                                    "items": [
                                        "What is it, and what is it used for?",
                                        "What is it made of, and how much of each material?",
                                        "Is it fresh, dried, cooked, pickled or frozen?",
                                        "How is it packed, and how much does each pack weigh?",
                                    ],
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "slug": "export-documents",
                "title": "Export documents",
                "summary": "The commercial documents, transport documents and certificates that go with a shipment.",
                "lessons": [
                    {
                        "slug": "invoice-packing-list-origin",
                        "title": "Commercial invoice, packing list and certificate of origin",
                        "minutes": 10,
                        "completion": "viewed",
                        "body": [
                            (
                                "paragraph",
                                "<p>Every export needs a small set of documents. "
                                "This lesson follows a coir-brick exporter in Sri Lanka who is sending one container of compressed coir pith blocks to a buyer abroad.</p>",
                            ),
                            ("heading", "Commercial invoice"),
                            (
                                "paragraph",
                                "<p>The <b>commercial invoice</b> is the bill from the seller to the buyer. "
                                "Customs in both countries use it to check the goods and their value.</p>"
                                "<ul>"
                                "<li>Names and addresses of seller and buyer, invoice number and date</li>"
                                "<li>Clear description of the goods, and the HS code</li>"
                                "<li>Quantity, unit price, total price and currency</li>"
                                "<li>Delivery and payment terms, for example FOB Colombo under Incoterms 2020</li>"
                                "</ul>",
                            ),
                            ("heading", "Packing list"),
                            (
                                "paragraph",
                                "<p>The <b>packing list</b> shows how the goods are packed. "
                                "It gives the number of packages or pallets, what is in each one, the net and gross weight, and the size. "
                                "It has no prices in most cases.</p>",
                            ),
                            ("heading", "Certificate of origin"),
                            (
                                "paragraph",
                                "<p>A <b>certificate of origin</b> states the country where the goods were made. "
                                "In many countries, a chamber of commerce issues the general certificate. "
                                "A special certificate under a trade agreement can let the buyer pay a lower duty, but only if the goods meet that agreement's rules of origin.</p>"
                                "<p>Some schemes, such as the European Union's GSP, use a statement on origin from a registered exporter instead. "
                                "Ask your export promotion office which form your buyer's market needs.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "title": "Ask the buyer early",
                                    "text": "<p>Before you ship, ask the buyer for a list of every document they need. "
                                    "Their bank or customs broker often has exact rules.</p>",
                                },
                            ),
                            (
                                "checklist",
                                {
                                    "title": "Three documents, three jobs",
                                    "items": [
                                        "Commercial invoice: what is sold, to whom, and for how much",
                                        "Packing list: how the goods are packed and how much they weigh",
                                        "Certificate of origin: where the goods were made",
                                    ],
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "transport-and-phytosanitary",
                        "title": "Transport documents and the phytosanitary certificate",
                        "minutes": 10,
                        "completion": "marked_done",
                        "body": [
                            (
                                "paragraph",
                                "<p>The transport company gives you a document that proves it has received your goods. "
                                "The type depends on how the goods travel.</p>",
                            ),
                            ("heading", "Bill of lading and air waybill"),
                            (
                                "paragraph",
                                "<ul>"
                                "<li><b>Bill of lading (B/L):</b> used for sea freight. It is a receipt for the goods and shows the terms of transport. "
                                "An original B/L is usually also a document of title: the holder can claim the goods at the port.</li>"
                                "<li><b>Air waybill (AWB):</b> used for air freight. It is a receipt and a transport contract, but not a document of title. "
                                "The airline delivers to the person named on it.</li>"
                                "</ul>",
                            ),
                            (
                                "paragraph",
                                "<p>The coir-brick exporter ships by sea, so it gets a bill of lading. "
                                "The Kegalle growers send small lots of fresh mushrooms by air, so they get an air waybill.</p>",
                            ),
                            ("heading", "Phytosanitary certificate"),
                            (
                                "paragraph",
                                "<p>A <b>phytosanitary certificate</b> says that plants or plant products were inspected and meet the importing country's plant health rules. "
                                "Only the national plant protection office can issue it. In Sri Lanka, this is the National Plant Quarantine Service.</p>"
                                "<p>Coir pith usually needs one, and some countries also ask for an import permit or a treatment. "
                                "The importing country decides what it needs, so check for every product and every market.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "title": "Documents must agree",
                                    "text": "<p>Banks and customs compare all documents. "
                                    "If the weight, the number of packages or the description is different from one document to another, the goods or the payment can be held.</p>",
                                },
                            ),
                            (
                                "checklist",
                                {
                                    "title": "Before the goods leave",
                                    "items": [
                                        "Invoice, packing list and transport document show the same goods, packages and weights",
                                        "The HS code is checked with customs",
                                        "The certificate of origin is the type the buyer asked for",
                                        "The phytosanitary or health certificate is ready, if the market needs it",
                                        "Copies of all documents are kept in one file",
                                    ],
                                },
                            ),
                        ],
                    },
                ],
            },
        ],
    },
    # ------------------------------------------------------------------
    # 4. Packaging and labelling
    # ------------------------------------------------------------------
    {
        "slug": "packaging-and-labelling",
        "title": "Packaging and labelling, including barcodes",
        "topic": "packaging_labelling",
        "level": "beginner",
        "estimated_hours": 2,
        "summary": (
            "Choose packaging that protects your product, write labels that buyers and the law accept, "
            "and get a real GS1 barcode."
        ),
        "learning_outcomes": [
            "Choose packaging that protects your product on its journey",
            "Mark export cartons clearly and correctly",
            "List what a label on packaged food must show",
            "Explain how GS1 barcodes work and how to get a real number",
        ],
        "modules": [
            {
                "slug": "packaging-that-protects",
                "title": "Packaging that protects",
                "summary": "What packaging must do, for the shop shelf and for the journey.",
                "lessons": [
                    {
                        "slug": "what-packaging-does",
                        "title": "What packaging must do",
                        "minutes": 8,
                        "completion": "viewed",
                        "body": [
                            (
                                "paragraph",
                                "<p>Good packaging does four jobs. It <b>protects</b> the product from damage, it <b>keeps</b> it in good condition, "
                                "it <b>informs</b> the buyer, and it helps to <b>sell</b> it.</p>"
                                "<p>The right package depends on what can harm your product: breaking, moisture, air, light, insects or dirt. "
                                "The package also carries the label, which tells the buyer what is inside.</p>",
                            ),
                            ("heading", "Food packaging"),
                            (
                                "paragraph",
                                "<ul>"
                                "<li>Use only materials made for contact with food. Ask your supplier for proof.</li>"
                                "<li>Dried food must be kept away from moisture. A thick, sealed pouch lets less air and water in than a thin bag.</li>"
                                "<li>Close each pack well, for example with a heat sealer, so that nobody can open it without it showing.</li>"
                                "</ul>",
                            ),
                            (
                                "paragraph",
                                "<p>The Kegalle growers first sold dried mushrooms in thin plastic bags. "
                                "After a few weeks in the shops, some packs became soft. "
                                "They changed to a thicker laminated pouch, heat-sealed, with a zip for the customer.</p>",
                            ),
                            ("heading", "Fragile products"),
                            (
                                "paragraph",
                                "<p>A potters' group in Kampong Chhnang, Cambodia, lost many pots on the road to Phnom Penh. "
                                "Now each pot is wrapped on its own, and cardboard walls keep pots from touching. "
                                "No empty space is left in the box, so the pots cannot move.</p>"
                                "<p>Packaging also helps to sell. Before you print many packs, ask a few shop owners what their customers like.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "title": "Test before you ship",
                                    "text": "<p>Pack one box in the normal way and drop it from knee height on each side and corner. "
                                    "Open it and look. If anything broke, improve the packing.</p>",
                                },
                            ),
                            (
                                "checklist",
                                {
                                    "title": "Choose your package",
                                    "items": [
                                        "What can damage the product: breaking, moisture, air, light or insects?",
                                        "How far will it travel, and how?",
                                        "How long will it stay on the shop shelf?",
                                        "If it is food, is the material safe for food?",
                                        "Is there space for a clear label?",
                                    ],
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "export-cartons-and-marks",
                        "title": "Export cartons and shipping marks",
                        "minutes": 9,
                        "completion": "viewed",
                        "body": [
                            (
                                "paragraph",
                                "<p>Export goods are lifted, stacked and moved many times. "
                                "The outer carton must be strong enough to carry the weight of other cartons on top of it. "
                                "Cartons can also get damp at the port or inside a container, so choose double-wall cartons for heavy or fragile goods.</p>",
                            ),
                            ("heading", "Shipping marks"),
                            (
                                "paragraph",
                                "<p>Shipping marks are the words and numbers printed on each outer package. "
                                "They help workers, customs and the buyer find the right goods. "
                                "Use dark ink that does not run in the rain.</p>"
                                "<ul>"
                                "<li>Buyer's name or mark, and the order number</li>"
                                "<li>Port or place of destination</li>"
                                "<li>Package number, for example 3 of 40</li>"
                                "<li>Gross and net weight, and the size of the package</li>"
                                "<li>Country of origin, for example Made in Sri Lanka</li>"
                                "</ul>",
                            ),
                            (
                                "paragraph",
                                "<p>Standard handling symbols show how to treat the package: a glass for fragile, two arrows for this way up, and an umbrella for keep dry. "
                                "These pictures are understood in every language.</p>",
                            ),
                            ("heading", "Pallets and wooden packing"),
                            (
                                "paragraph",
                                "<p>A coir-brick producer stacks its blocks on wooden pallets and wraps them in plastic film. "
                                "Wood used for packing in international trade must be treated against pests and carry the official IPPC mark, under the rule called ISPM 15. "
                                "Without the mark, the importing country can refuse the goods, or order the wood to be treated or destroyed.</p>",
                            ),
                            (
                                "checklist",
                                {
                                    "title": "Carton check",
                                    "items": [
                                        "The carton is strong enough and not too heavy to lift",
                                        "Shipping marks are clear and on at least two sides",
                                        "The marks match the packing list",
                                        "Handling symbols are used where needed",
                                        "Wooden pallets carry the ISPM 15 mark",
                                        "The gross weight on the carton was checked on a scale",
                                    ],
                                },
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "title": "Ask your freight forwarder",
                                    "text": "<p>A freight forwarder is a company that arranges transport for exporters. "
                                    "Ask them about the carton, pallet and container rules for your route before you pack.</p>",
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "slug": "labels-and-barcodes",
                "title": "Labels and barcodes",
                "summary": "What a label must tell the buyer, and how product barcodes work.",
                "lessons": [
                    {
                        "slug": "what-a-food-label-shows",
                        "title": "What a food label must show",
                        "minutes": 10,
                        "completion": "viewed",
                        "body": [
                            (
                                "paragraph",
                                "<p>The Codex Alimentarius has a general standard for the labelling of prepackaged foods. "
                                "Most national food laws are based on it, but each country adds its own rules.</p>",
                            ),
                            ("heading", "The main items"),
                            (
                                "paragraph",
                                "<ol>"
                                "<li><b>Name of the food</b> that tells what it really is.</li>"
                                "<li><b>List of ingredients</b>, from the largest amount by weight to the smallest.</li>"
                                "<li><b>Allergens</b>, such as peanuts, milk, eggs, wheat, fish, shellfish, soy or tree nuts, clearly declared.</li>"
                                "<li><b>Net quantity</b> in metric units, for example 100 g or 250 ml.</li>"
                                "<li><b>Name and address</b> of the maker, packer, distributor or importer.</li>"
                                "<li><b>Country of origin</b>, where leaving it out could mislead the buyer.</li>"
                                "<li><b>Lot or batch number</b>, so a problem batch can be found and recalled.</li>"
                                "<li><b>Date marking</b>, such as a best before or use-by date, and <b>storage instructions</b>.</li>"
                                "<li><b>Instructions for use</b>, where they are needed.</li>"
                                "</ol>",
                            ),
                            (
                                "paragraph",
                                "<p>National law may also ask for a food registration number, nutrition information, or text in certain languages. "
                                "For example, Sri Lanka has colour-code rules for sugar, salt and fat on some processed foods.</p>",
                            ),
                            (
                                "paragraph",
                                "<p>The Kegalle label now shows the name Dried Oyster Mushrooms, the net weight of 50 g, and the group's name and address. "
                                "It also shows the lot number, the best before date and the words: store in a cool, dry place. "
                                "The food officer checked it before printing.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "title": "Labels for other products",
                                    "text": "<p>Non-food products also have label rules. "
                                    "For example, shoes sold in the European Union must show what the upper, the lining and the sole are made of. "
                                    "Kigali shoemakers check the rules of each market before printing.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "barcodes-gs1-ean-13",
                        "title": "Barcodes: GS1 and EAN-13",
                        "minutes": 10,
                        "completion": "marked_done",
                        "body": [
                            (
                                "paragraph",
                                "<p>Many supermarkets and shops scan a barcode at the till. "
                                "The barcode holds a number that identifies one exact product. "
                                "This number is called a <b>GTIN</b> (Global Trade Item Number).</p>",
                            ),
                            ("heading", "How EAN-13 works"),
                            (
                                "paragraph",
                                "<p>The barcode on most shop products is an <b>EAN-13</b>. It carries a 13-digit number. "
                                "The first part is your company prefix, then comes your item number, and the last digit is a check digit that catches reading errors.</p>"
                                "<p>The first digits show which GS1 office gave the number. They do not prove where the product was made.</p>",
                            ),
                            ("heading", "Getting a real number"),
                            (
                                "paragraph",
                                "<p>Barcode numbers come from <b>GS1</b>, a not-for-profit organisation with offices in more than 100 countries. "
                                "Join the GS1 office for your country, or ask GS1 if your country has none. "
                                "There is a joining fee and, in most countries, a yearly fee.</p>"
                                "<p>Do not buy cheap numbers from resellers. Many shops check numbers with GS1 and can refuse them.</p>",
                            ),
                            (
                                "paragraph",
                                "<p>A women's clay-jewellery group sells earrings to a city gift shop. "
                                "Each design and colour needs its own number, because the shop counts them apart. "
                                "A box of 10 pairs sold as one unit needs another number.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "title": "Print it so it scans",
                                    "text": "<p>Use black bars on a white background. Red bars do not scan. "
                                    "Keep the blank space on both sides, do not cut the height, and do not make it smaller than GS1 allows.</p>",
                                },
                            ),
                            (
                                "checklist",
                                {
                                    "title": "Barcode check",
                                    "items": [
                                        "The number comes from GS1, in your company's name",
                                        "Each product, size and pack has its own number",
                                        "You keep a list of which number is which product",
                                        "The printed barcode was tested with a scanner before the full print run",
                                    ],
                                },
                            ),
                        ],
                    },
                ],
            },
        ],
    },
    # ------------------------------------------------------------------
    # 5. Bookkeeping and financial literacy
    # ------------------------------------------------------------------
    {
        "slug": "bookkeeping-financial-literacy",
        "title": "Bookkeeping and financial literacy",
        "topic": "financial_literacy",
        "level": "beginner",
        "estimated_hours": 2,
        "summary": (
            "Keep simple records, separate business and household money, "
            "and use your numbers to see your profit and set fair prices."
        ),
        "learning_outcomes": [
            "Keep business money apart from household money",
            "Write a simple cash book every day",
            "Work out the profit of your business for one month",
            "Set a price that covers all your costs",
        ],
        "modules": [
            {
                "slug": "keeping-records",
                "title": "Keeping simple records",
                "summary": "Separate your money and write down every payment in and out.",
                "lessons": [
                    {
                        "slug": "separate-business-and-household",
                        "title": "Separate business and household money",
                        "minutes": 8,
                        "completion": "viewed",
                        "body": [
                            (
                                "paragraph",
                                "<p>In many small businesses, all money goes into one purse. "
                                "Then the owner cannot see if the business makes money or loses it. "
                                "Money for materials can also be spent on the family without anyone noticing.</p>",
                            ),
                            (
                                "paragraph",
                                "<p>Claudine makes leather sandals in Kigali. She paid school fees, food and leather from the same cash box. "
                                "When a big order came, there was no money left to buy leather, and she had to refuse the order.</p>",
                            ),
                            ("heading", "How to separate the money"),
                            (
                                "paragraph",
                                "<ul>"
                                "<li>Keep business cash in its own box, or use a separate bank or mobile money account.</li>"
                                "<li>Pay yourself a fixed amount, for example every week. Take household money only from this amount.</li>"
                                "<li>Write it down when you take money or goods from the business for the family.</li>"
                                "<li>Put all sales money into the business box or account first, before you spend it.</li>"
                                "</ul>",
                            ),
                            (
                                "paragraph",
                                "<p>Claudine now pays herself every Friday. The rest stays in a separate mobile money account for the business. "
                                "After three months, she could see how much the business really earned.</p>"
                                "<p>Separate records also help when you ask for a loan. "
                                "Banks and microfinance lenders want to see business records that are not mixed with family spending.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "key_term",
                                    "title": "Drawings",
                                    "text": "<p><b>Drawings</b> is the money or goods that the owner takes from the business for personal use. "
                                    "Drawings are not a business cost, but you must record them.</p>",
                                },
                            ),
                            (
                                "checklist",
                                {
                                    "title": "This week",
                                    "items": [
                                        "Choose a separate box or account for the business",
                                        "Decide the fixed amount you will pay yourself",
                                        "Tell your family about the new rule",
                                        "Write down every amount you take for the household",
                                    ],
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "the-cash-book",
                        "title": "The cash book",
                        "minutes": 10,
                        "completion": "viewed",
                        "body": [
                            (
                                "paragraph",
                                "<p>A <b>cash book</b> is a simple record of all money that comes into the business and all money that goes out. "
                                "You can use a notebook or a phone app.</p>",
                            ),
                            ("heading", "Five columns"),
                            (
                                "paragraph",
                                "<ol>"
                                "<li><b>Date</b></li>"
                                "<li><b>Details:</b> what the money was for, and who paid or was paid</li>"
                                "<li><b>Money in</b></li>"
                                "<li><b>Money out</b></li>"
                                "<li><b>Balance:</b> the money you should have now</li>"
                                "</ol>"
                                "<p>Start each month with the <b>opening balance</b>: the money in the business on the first day. "
                                "To find each new balance, take the last balance, add money in, and subtract money out.</p>",
                            ),
                            ("heading", "A jamdani weaver's cash book"),
                            (
                                "paragraph",
                                "<p>Rahima weaves jamdani sarees in Rupganj, Bangladesh. She started March with Tk 5,000 in the business box.</p>"
                                "<ul>"
                                "<li>2 March: bought cotton yarn, out Tk 2,400. Balance Tk 2,600.</li>"
                                "<li>4 March: paid helper, out Tk 1,500. Balance Tk 1,100.</li>"
                                "<li>9 March: sold one saree to a trader, in Tk 9,000. Balance Tk 10,100.</li>"
                                "<li>10 March: bought zari thread, out Tk 800. Balance Tk 9,300.</li>"
                                "</ul>",
                            ),
                            (
                                "paragraph",
                                "<p>At the end of each day, Rahima counts the money in the box. "
                                "If the count and the balance are different, she looks for the missing entry the same day.</p>"
                                "<p>At the end of the month, she adds up all money in and all money out. "
                                "This shows how much came in, how much went out, and what is left.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "title": "Keep every receipt",
                                    "text": "<p>Give each receipt a number and write the same number in the cash book. "
                                    "Mobile money payments count too: write them in the same way.</p>",
                                },
                            ),
                            (
                                "checklist",
                                {
                                    "title": "Every day",
                                    "items": [
                                        "Write each payment in or out on the same day",
                                        "Keep receipts in one folder or envelope",
                                        "Count the cash and compare it with the balance",
                                        "Record any money taken for the household",
                                    ],
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "slug": "understanding-your-numbers",
                "title": "Understanding your numbers",
                "summary": "Work out your profit, know your costs and set prices that pay.",
                "lessons": [
                    {
                        "slug": "working-out-profit",
                        "title": "Working out your profit",
                        "minutes": 10,
                        "completion": "viewed",
                        "body": [
                            (
                                "paragraph",
                                "<p><b>Profit</b> is what is left from your sales after you pay all the costs of the business, for one period such as a month.</p>"
                                "<p><b>Profit = sales - costs</b></p>"
                                "<p>If costs are bigger than sales, the result is a <b>loss</b>.</p>",
                            ),
                            ("heading", "An example from Kegalle"),
                            (
                                "paragraph",
                                "<p>Nimal grows oyster mushrooms. In June, he sold mushrooms for Rs 60,000. His costs for June were:</p>"
                                "<ul>"
                                "<li>Mushroom bags and spawn: Rs 15,000</li>"
                                "<li>Wages for a helper: Rs 12,000</li>"
                                "<li>Electricity and water: Rs 3,000</li>"
                                "<li>Transport to buyers: Rs 4,000</li>"
                                "<li>Packing materials: Rs 2,000</li>"
                                "</ul>"
                                "<p>Total costs are Rs 36,000. His profit for June is Rs 60,000 - Rs 36,000 = Rs 24,000.</p>",
                            ),
                            ("heading", "Cash is not the same as profit"),
                            (
                                "paragraph",
                                "<ul>"
                                "<li>A sale on credit is part of this month's sales, even if the buyer pays next month.</li>"
                                "<li>A loan you receive is not a sale. Repaying the loan is not a cost, but the interest is a cost.</li>"
                                "<li>A new machine or a shed lasts many years. Count only a part of its price as a cost each year.</li>"
                                "<li>Drawings for the household are not a cost of the business.</li>"
                                "</ul>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "title": "Your own work",
                                    "text": "<p>Nimal does not pay himself a wage in the list above. "
                                    "So the Rs 24,000 must also pay for his own work. Ask yourself if that is enough.</p>",
                                },
                            ),
                            (
                                "checklist",
                                {
                                    "title": "Work out your profit each month",
                                    "items": [
                                        "Add up all sales for the month, including sales on credit",
                                        "Add up all business costs for the month",
                                        "Leave out loans, loan repayments and household drawings",
                                        "Subtract the costs from the sales",
                                        "Compare with last month and look for the reason for any change",
                                    ],
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "costing-pricing-and-planning",
                        "title": "Costing, pricing and planning cash",
                        "minutes": 10,
                        "completion": "marked_done",
                        "body": [
                            (
                                "paragraph",
                                "<p>Many small producers set prices by copying their neighbours. "
                                "If you do not know your cost for each item, you may sell at a loss without knowing it.</p>",
                            ),
                            ("heading", "Find the cost of one item"),
                            (
                                "paragraph",
                                "<p>A potter in Kampong Chhnang, Cambodia, makes a batch of 100 bowls. The batch costs:</p>"
                                "<ul>"
                                "<li>Clay: $20</li>"
                                "<li>Glaze: $15</li>"
                                "<li>Firewood for the kiln: $25</li>"
                                "<li>Helper's wages: $40</li>"
                                "<li>Transport to market: $10</li>"
                                "</ul>"
                                "<p>The total is $110. Ten bowls break or crack in the kiln, so only 90 bowls can be sold. "
                                "The cost of one good bowl is $110 divided by 90, which is about $1.22.</p>",
                            ),
                            ("heading", "Set the price"),
                            (
                                "paragraph",
                                "<p>Add a profit margin to the cost, then compare with the market price. "
                                "If the market pays $2.00 a bowl, she makes about $0.78 on each bowl. "
                                "If the market pays less than $1.22, she must cut costs, reduce breakage or sell a different product.</p>",
                            ),
                            (
                                "paragraph",
                                "<p>Also plan your cash. Write down the money you expect in and out for the next three months. "
                                "This shows when you will need savings or a loan.</p>"
                                "<p>Before you take a loan, compare the total amount you will repay, not only the monthly payment.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "title": "Count the losses",
                                    "text": "<p>Broken, spoiled or unsold items are part of your cost. "
                                    "Leave them out and your real cost is higher than you think.</p>",
                                },
                            ),
                            (
                                "checklist",
                                {
                                    "title": "Before you set a price",
                                    "items": [
                                        "Add up all costs for one batch",
                                        "Count only the items you can sell",
                                        "Divide to find the cost of one item",
                                        "Add your profit and compare with the market price",
                                        "Check the price again when costs change",
                                    ],
                                },
                            ),
                        ],
                    },
                ],
            },
        ],
    },
]
