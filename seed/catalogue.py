"""The hand-curated part of the seed: genres, venues, productions and names.

Everything here is invented (venues, people, new works) or long in the public
domain (the classic plays, operas and ballets). seed.generate turns it into
seat maps, a schedule, users and bookings.
"""

from dataclasses import dataclass

GENRES = (
    "Tragedy",
    "Comedy",
    "Drama",
    "Opera",
    "Ballet",
    "Operetta",
    "Musical",
    "Children's",
    "Contemporary dance",
)


# Venues -------------------------------------------------------------------
#
# A seat map is built tier by tier. Coordinates are in seat widths with the
# stage at the top, centred on x = 0, and y growing away from it. A row is a
# tuple of block sizes read left to right; blocks are split by aisles.


@dataclass(frozen=True)
class Tier:
    section: str
    # "arc": rows curve around a point behind the stage (focus_y);
    # "straight": flat rows; "thrust": rows wrap around a thrust stage.
    shape: str
    rows: tuple[tuple[int, ...], ...]
    # Distance from the previous tier's last row (or from the stage for the
    # first tier) to this tier's first row.
    gap: float
    pitch: float
    aisle: float = 1.5
    # Box partitions line up from row to row when seats keep their angle.
    radial: bool = False
    first_row: str = "A"


@dataclass(frozen=True)
class Week:
    """One weekly slot: weekday (Monday 0), local time or None for the
    production's usual evening curtain, and the lane it belongs to."""

    weekday: int
    time: str | None
    lane: str = "main"


@dataclass(frozen=True)
class Programme:
    # How far back this season's history goes; earlier the venue was dark
    # for its summer break. Also keeps the booked-seat total modest.
    history_days: int
    repertoire: tuple[str, ...]
    # Productions alternating within a block (1 = a straight run).
    per_block: int
    block_weeks: tuple[int, int]
    week: tuple[Week, ...]
    evening: str
    # Curtain for productions of three hours or more.
    long_evening: str
    kids_repertoire: tuple[str, ...] = ()
    kids_block_weeks: tuple[int, int] = (4, 6)
    # An extra Monday performance in the last week of each run.
    closing_monday: bool = False


@dataclass(frozen=True)
class Venue:
    key: str
    name: str
    city: str
    address: str
    time_zone: str
    currency: str
    # Best section first; prices in minor units, in the same order.
    sections: tuple[str, ...]
    prices: tuple[int, ...]
    tiers: tuple[Tier, ...]
    # Rows whose end seats take wheelchairs, each with a companion beside it.
    accessible_rows: tuple[tuple[str, str], ...]
    programme: Programme
    focus_y: float = -30.0
    # Thrust stage: half its width and how far its tip reaches into the room.
    thrust_half_width: float = 0.0
    thrust_tip: float = 0.0


TUE, WED, THU, FRI, SAT, SUN = 1, 2, 3, 4, 5, 6

LANTHORN = Venue(
    key="lanthorn",
    name="The Lanthorn Theatre",
    city="London",
    address="41 Quillgate Street, London WC2E 7QX",
    time_zone="Europe/London",
    currency="GBP",
    sections=("Stalls", "Circle", "Balcony"),
    prices=(6500, 4800, 2800),
    tiers=(
        Tier(
            "Stalls",
            "arc",
            gap=2.5,
            pitch=1.35,
            rows=(
                (4, 14, 4),
                (5, 14, 5),
                (5, 15, 5),
                (6, 15, 6),
                (6, 16, 6),
                (7, 16, 7),
                (7, 17, 7),
                (7, 17, 7),
                (8, 18, 8),
                (8, 18, 8),
                (8, 19, 8),
                (9, 19, 9),
                (9, 20, 9),
                (9, 20, 9),
                # Under the circle overhang the pillars take the row ends.
                (8, 20, 8),
                # Level with the foyer: wheelchair spaces at both ends.
                (6, 18, 6),
            ),
        ),
        Tier(
            "Circle",
            "arc",
            gap=3.5,
            pitch=1.5,
            rows=(
                (7, 16, 7),
                (8, 17, 8),
                (8, 17, 8),
                (9, 18, 9),
                (9, 18, 9),
                (10, 19, 10),
                (10, 19, 10),
            ),
        ),
        Tier(
            "Balcony",
            "arc",
            gap=3.5,
            pitch=1.5,
            rows=(
                (9, 18, 9),
                (10, 18, 10),
                (10, 19, 10),
                (10, 19, 10),
            ),
        ),
    ),
    accessible_rows=(("Stalls", "Q"),),
    focus_y=-40.0,
    programme=Programme(
        history_days=42,
        repertoire=(
            "hamlet",
            "romeo-and-juliet",
            "king-lear",
            "the-importance-of-being-earnest",
            "an-ideal-husband",
            "tin-roof-serenade",
            "lanterns-at-low-tide",
        ),
        per_block=2,
        block_weeks=(3, 4),
        week=(
            Week(TUE, None),
            Week(WED, None),
            Week(THU, None),
            Week(FRI, None),
            Week(SAT, "14:30"),
            Week(SAT, None),
            Week(SUN, "14:30"),
        ),
        evening="19:30",
        long_evening="19:00",
    ),
)

MANSARDA = Venue(
    key="mansarda",
    name="Studioul Mansardă",
    city="București",
    address="Strada Cerdacului 12, Sector 2, 020315 București",
    time_zone="Europe/Bucharest",
    currency="RON",
    sections=("Front", "Rear"),
    prices=(9000, 6000),
    tiers=(
        # One steeply raked block with a central aisle; the rear rows are
        # simply a cheaper category, so the rows carry on from E.
        Tier(
            "Front",
            "straight",
            gap=2.0,
            pitch=1.4,
            aisle=1.2,
            rows=((6, 6), (6, 7), (7, 7), (7, 8)),
        ),
        Tier(
            "Rear",
            "straight",
            gap=1.4,
            pitch=1.4,
            aisle=1.2,
            first_row="E",
            rows=((7, 8), (8, 8), (8, 8), (8, 9), (8, 9), (7, 8)),
        ),
    ),
    accessible_rows=(("Front", "A"),),
    programme=Programme(
        history_days=120,
        repertoire=(
            "the-cherry-orchard",
            "the-seagull",
            "uncle-vanya",
            "a-dolls-house",
            "hedda-gabler",
            "sarbatoare",
            "tartuffe",
            "the-miser",
            "o-scrisoare-pierduta",
            "tidewater",
        ),
        per_block=3,
        block_weeks=(3, 4),
        week=(
            Week(TUE, None),
            Week(WED, None),
            Week(THU, None),
            Week(FRI, None),
            Week(SAT, None),
            Week(SUN, None),
            Week(SAT, "11:00", "kids"),
            Week(SUN, "11:00", "kids"),
        ),
        evening="19:00",
        long_evening="19:00",
        kids_repertoire=("the-snow-queen", "puss-in-boots"),
    ),
)

MARIENGRUND = Venue(
    key="mariengrund",
    name="Mariengrund Opera House",
    city="Vienna",
    address="Mariengrundplatz 1, 1060 Wien",
    time_zone="Europe/Vienna",
    currency="EUR",
    sections=("Stalls", "Boxes", "Balcony", "Gallery"),
    prices=(15500, 12500, 8500, 3900),
    tiers=(
        Tier(
            "Stalls",
            "arc",
            gap=3.0,
            pitch=1.35,
            rows=(
                (5, 14, 5),
                (5, 14, 5),
                (5, 15, 5),
                (6, 15, 6),
                (6, 16, 6),
                (6, 16, 6),
                (7, 17, 7),
                (7, 17, 7),
                (7, 18, 7),
                (8, 18, 8),
                (8, 19, 8),
                (8, 19, 8),
                (9, 20, 9),
                (9, 20, 9),
                (9, 21, 9),
                (10, 21, 10),
                (10, 22, 10),
                (10, 22, 10),
            ),
        ),
        # A horseshoe of 24 boxes, three seats at the front of each and
        # three behind; the partitions are the gaps.
        Tier(
            "Boxes",
            "arc",
            gap=3.0,
            pitch=1.2,
            aisle=0.8,
            radial=True,
            rows=((3,) * 24, (3,) * 24),
        ),
        Tier(
            "Balcony",
            "arc",
            gap=3.0,
            pitch=1.5,
            rows=(
                (11, 22, 11),
                (12, 22, 12),
                (12, 23, 12),
                (13, 23, 13),
                (13, 24, 13),
                (12, 24, 12),
            ),
        ),
        Tier(
            "Gallery",
            "arc",
            gap=3.0,
            pitch=1.5,
            rows=(
                (14, 26, 14),
                (15, 26, 15),
                (15, 27, 15),
                (16, 27, 16),
                (16, 28, 16),
                (16, 28, 16),
                (15, 28, 15),
                (14, 26, 14),
            ),
        ),
    ),
    accessible_rows=(("Stalls", "S"),),
    programme=Programme(
        history_days=35,
        repertoire=(
            "la-boheme",
            "carmen",
            "la-traviata",
            "tosca",
            "the-magic-flute",
            "don-giovanni",
            "swan-lake",
            "giselle",
            "the-nutcracker",
            "coppelia",
            "die-fledermaus",
            "the-merry-widow",
            "orpheus-in-the-underworld",
        ),
        per_block=3,
        block_weeks=(2, 3),
        week=(
            Week(WED, None),
            Week(THU, None),
            Week(FRI, None),
            Week(SAT, None),
            Week(SUN, "14:00"),
        ),
        evening="19:30",
        long_evening="19:00",
    ),
)

TALLOW = Venue(
    key="tallow",
    name="Tallow Street Playhouse",
    city="New York",
    address="212 Tallow Street, New York, NY 10014",
    time_zone="America/New_York",
    currency="USD",
    sections=("Orchestra", "Rear Orchestra", "Mezzanine"),
    prices=(12500, 8900, 5900),
    # Rows wrap the thrust on three sides: a left leg, two front blocks and
    # a right leg, with the vomitories as aisles.
    tiers=(
        Tier(
            "Orchestra",
            "thrust",
            gap=2.0,
            pitch=1.4,
            aisle=2.0,
            rows=((7, 6, 6, 7), (8, 7, 7, 8), (9, 8, 8, 9)),
        ),
        Tier(
            "Rear Orchestra",
            "thrust",
            gap=1.4,
            pitch=1.4,
            aisle=2.0,
            first_row="D",
            rows=((10, 9, 9, 10), (11, 10, 10, 11), (12, 11, 11, 12), (13, 11, 11, 13)),
        ),
        Tier(
            "Mezzanine",
            "thrust",
            gap=3.5,
            pitch=1.5,
            aisle=2.0,
            rows=((15, 13, 13, 15), (16, 14, 14, 16)),
        ),
    ),
    accessible_rows=(("Orchestra", "A"),),
    thrust_half_width=6.0,
    thrust_tip=11.0,
    programme=Programme(
        history_days=63,
        repertoire=(
            "macbeth",
            "othello",
            "twelfth-night",
            "a-midsummer-nights-dream",
            "neon-sparrows",
            "fault-lines",
        ),
        per_block=1,
        block_weeks=(2, 4),
        week=(
            Week(TUE, "19:00"),
            Week(WED, None),
            Week(THU, None),
            Week(FRI, None),
            Week(SAT, "14:00"),
            Week(SAT, None),
            Week(SUN, "14:00"),
            Week(SAT, "11:00", "kids"),
            Week(SUN, "11:00", "kids"),
        ),
        evening="20:00",
        long_evening="19:00",
        kids_repertoire=("pinocchio", "the-ugly-duckling"),
        closing_monday=True,
    ),
)

VENUES = (LANTHORN, MANSARDA, MARIENGRUND, TALLOW)


# Productions --------------------------------------------------------------


@dataclass(frozen=True)
class Show:
    key: str
    title: str
    genre: str
    duration_minutes: int
    director: str
    description: str
    # (performer, role), in billing order.
    cast: tuple[tuple[str, str], ...]


SHOWS = (
    Show(
        "hamlet",
        "Hamlet",
        "Tragedy",
        190,
        "Harriet Quayle",
        "A grieving prince comes home to find his uncle on the throne and his "
        "mother at the new king's side. This production moves Elsinore into a "
        "glass-walled embassy where every conversation is overheard and every "
        "friend reports to someone. Sharp, fast and surprisingly funny until "
        "the bodies start to fall.",
        (
            ("Tobias Wrenfield", "Hamlet"),
            ("Zoë Marchetti", "Ophelia"),
            ("Desmond Achterberg", "Claudius"),
            ("Imogen Faraday-Lowe", "Gertrude"),
            ("Cormac Fennelly", "Polonius"),
            ("Kwabena Asante-Hill", "Horatio"),
            ("Felix Drummond", "Laertes"),
        ),
    ),
    Show(
        "macbeth",
        "Macbeth",
        "Tragedy",
        125,
        "Dolores Whitcombe",
        "A soldier hears a prophecy on a blasted heath and decides not to wait "
        "for fate. Played on bare boards with a live percussionist in the "
        "shadows, this Macbeth runs two hours without an interval and never "
        "lets the dread go slack.",
        (
            ("Marcus Oyelaran", "Macbeth"),
            ("Signe Halvorsen", "Lady Macbeth"),
            ("Elliot Ransome", "Banquo"),
            ("José Villareal", "Macduff"),
            ("Priya Castellane", "First Witch"),
            ("Gordon Pettifer", "Duncan"),
        ),
    ),
    Show(
        "king-lear",
        "King Lear",
        "Tragedy",
        185,
        "Aurelio Santangelo",
        "An old king divides his kingdom by asking which daughter loves him "
        "most, and the answer costs him everything. Set in a crumbling family "
        "estate during one long winter storm, this Lear is as much about "
        "caring for a failing parent as it is about power.",
        (
            ("Reginald Ashcombe", "King Lear"),
            ("Nneka Adebayo-Ross", "Cordelia"),
            ("Philippa Vane", "Goneril"),
            ("Saoirse Mulcahy", "Regan"),
            ("Hamish Kettering", "Earl of Gloucester"),
            ("Dominic Ferrante", "Edmund"),
            ("Bjørn Aasheim", "The Fool"),
        ),
    ),
    Show(
        "romeo-and-juliet",
        "Romeo and Juliet",
        "Tragedy",
        165,
        "Celestine Moreau-Blake",
        "Two teenagers from feuding families fall in love at a party neither "
        "should have been at. Staged on a sweltering city street with a band "
        "on the fire escape, the comedy of the first half makes the second "
        "land all the harder.",
        (
            ("Jonah Abernathy", "Romeo"),
            ("Amara Quist", "Juliet"),
            ("Luca Benedetti", "Mercutio"),
            ("Rhys Caddick", "Tybalt"),
            ("Bernadette Loughlin", "Nurse"),
            ("Ștefan Vlădescu", "Friar Laurence"),
        ),
    ),
    Show(
        "othello",
        "Othello",
        "Tragedy",
        170,
        "Winston Okoro-Hale",
        "A celebrated general marries for love and trusts the wrong friend. "
        "On a thrust stage that leaves nowhere to hide, Iago confides in the "
        "audience directly and makes us accomplices to every lie.",
        (
            ("Samuel Adeyemi-Cross", "Othello"),
            ("Clara Lindgren", "Desdemona"),
            ("Patrick Dunmore", "Iago"),
            ("Rosalind Thackeray", "Emilia"),
            ("Mateo Ferreira", "Cassio"),
        ),
    ),
    Show(
        "twelfth-night",
        "Twelfth Night",
        "Comedy",
        150,
        "Philippa Greystoke",
        "Shipwrecked twins, a lovesick duke, a grieving countess and a steward "
        "in yellow stockings collide in a seaside town out of season. Songs, "
        "mistaken identities and a bittersweet ending that stays with you on "
        "the way home.",
        (
            ("Hattie Pemberton", "Viola"),
            ("Rafael Quintero", "Orsino"),
            ("Ingrid Solheim", "Olivia"),
            ("Crispin Tolhurst", "Malvolio"),
            ("Barnaby Oakes", "Sir Toby Belch"),
            ("Zoë Abara", "Feste"),
        ),
    ),
    Show(
        "a-midsummer-nights-dream",
        "A Midsummer Night's Dream",
        "Comedy",
        155,
        "Tamsin Holloway-Pike",
        "Four runaway lovers, a troupe of amateur actors and a quarrelling "
        "fairy king and queen lose themselves in one enchanted night. Expect "
        "flying, mud and a play-within-a-play that brings the house down.",
        (
            ("Kit Morrow", "Puck"),
            ("Jerome Okonjo", "Oberon"),
            ("Marisol Echavarren", "Titania"),
            ("Fergus Drinkwater", "Bottom"),
            ("Yasmin Farrokh", "Hermia"),
            ("Oscar Penhaligon", "Lysander"),
            ("Rebecca Stroud", "Helena"),
        ),
    ),
    Show(
        "the-importance-of-being-earnest",
        "The Importance of Being Earnest",
        "Comedy",
        140,
        "Julian Harcourt-Vey",
        "Two young men invent imaginary relatives to escape their duties, and "
        "both end up engaged under a name that is not their own. Wilde's "
        "comedy of manners, played at full tilt in gorgeous period dress.",
        (
            ("Alistair Penrose", "John Worthing"),
            ("Theo Barraclough", "Algernon Moncrieff"),
            ("Marguerite Ashby", "Lady Bracknell"),
            ("Lottie Castellan", "Gwendolen Fairfax"),
            ("Esme Whitlock", "Cecily Cardew"),
            ("Dorothea Fenwick", "Miss Prism"),
        ),
    ),
    Show(
        "an-ideal-husband",
        "An Ideal Husband",
        "Comedy",
        150,
        "Octavia Marchmont",
        "A rising politician's spotless reputation rests on an old secret, "
        "and a glamorous visitor has come to London to sell it back to him. "
        "The epigrams sparkle, but underneath them is a serious question "
        "about whether anyone can be forgiven their past.",
        (
            ("Edmund Thorne", "Sir Robert Chiltern"),
            ("Beatrice Yardley", "Lady Chiltern"),
            ("Valentina Orsini", "Mrs Cheveley"),
            ("Rupert Calloway", "Lord Goring"),
            ("Poppy Fairweather", "Mabel Chiltern"),
        ),
    ),
    Show(
        "tartuffe",
        "Tartuffe",
        "Comedy",
        125,
        "Ioana Berceanu",
        "A wealthy man takes a pious stranger into his home and is soon ready "
        "to hand him his fortune and his daughter. Molière's comedy of "
        "hypocrisy, played in Romanian with English surtitles.",
        (
            ("Cosmin Vraciu", "Tartuffe"),
            ("Victor Anghelescu", "Orgon"),
            ("Ilinca Dragomir", "Elmire"),
            ("Raluca Pârvu", "Dorine"),
            ("Tudor Mănescu", "Damis"),
        ),
    ),
    Show(
        "the-miser",
        "The Miser",
        "Comedy",
        120,
        "Mircea Lăzărescu",
        "Harpagon loves his strongbox more than his children, who are "
        "secretly hoping to marry the very people he has picked for himself. "
        "A brisk, physical staging of Molière's comedy about money and the "
        "misery it buys.",
        (
            ("Emil Străjescu", "Harpagon"),
            ("Andrei Voinea", "Cléante"),
            ("Carmen Bucur", "Élise"),
            ("Sergiu Olteanu", "Valère"),
            ("Doina Mocanu", "Frosine"),
        ),
    ),
    Show(
        "o-scrisoare-pierduta",
        "O scrisoare pierdută",
        "Comedy",
        135,
        "Ștefan Comănescu",
        "In a provincial town on the eve of an election, a compromising love "
        "letter falls into the wrong hands, and every politician suddenly "
        "finds his principles negotiable. Caragiale's great political farce "
        "is as sharp today as it was in 1884.",
        (
            ("Sebastian Niculescu", "Ștefan Tipătescu"),
            ("Mălina Dobrescu", "Zoe Trahanache"),
            ("Petre Gârbea", "Zaharia Trahanache"),
            ("Horia Zamfirescu", "Nae Cațavencu"),
            ("Costel Bărbulescu", "Agamemnon Dandanache"),
            ("Ion Vlădoianu", "Cetățeanul turmentat"),
        ),
    ),
    Show(
        "the-cherry-orchard",
        "The Cherry Orchard",
        "Drama",
        160,
        "Bjørn Kvalheim",
        "A family returns to its estate knowing it will be sold for debts, and "
        "spends the summer doing everything except saving it. Chekhov's last "
        "play, staged so intimately that every laugh and every silence "
        "reaches the back row.",
        (
            ("Ecaterina Sârbu", "Lyubov Ranevskaya"),
            ("Dan Cristea-Moga", "Yermolai Lopakhin"),
            ("Alina Pătrașcu", "Varya"),
            ("Matei Enache", "Pyotr Trofimov"),
            ("Daria Stamate", "Anya"),
            ("Grigore Tănase", "Firs"),
        ),
    ),
    Show(
        "the-seagull",
        "The Seagull",
        "Drama",
        150,
        "Ilinca Vârlan",
        "A young writer stages an experimental play beside a lake for his "
        "mother, a famous actress who cannot stop talking through it. "
        "Chekhov's comedy about art, love and disappointment, played on a "
        "jetty of weathered planks.",
        (
            ("Liliana Costache", "Irina Arkadina"),
            ("Paul Rădulescu", "Konstantin Treplev"),
            ("Maria Ivănescu", "Nina Zarechnaya"),
            ("Ovidiu Marcu", "Boris Trigorin"),
            ("Simona Cojocaru", "Masha"),
        ),
    ),
    Show(
        "uncle-vanya",
        "Uncle Vanya",
        "Drama",
        150,
        "Adrian Moroianu",
        "When a retired professor and his young wife descend on the country "
        "estate that has paid for his career, the people who have worked it "
        "for years start to ask what their lives were for. Tender, funny and "
        "devastating in equal measure.",
        (
            ("Gelu Anastasiu", "Ivan Voynitsky"),
            ("Corina Bălășoiu", "Yelena Andreyevna"),
            ("Irina Filip", "Sonya"),
            ("Radu Simionescu", "Mikhail Astrov"),
            ("Nicolae Dediu", "Professor Serebryakov"),
        ),
    ),
    Show(
        "a-dolls-house",
        "A Doll's House",
        "Drama",
        145,
        "Kirsten Fjeldstad",
        "Nora has a warm home, a devoted husband and a secret loan that could "
        "ruin them both. Ibsen's drama about a marriage built on pretence "
        "still ends with the most famous closing door in the theatre.",
        (
            ("Astrid Lunde", "Nora Helmer"),
            ("Henrik Sæther", "Torvald Helmer"),
            ("Magnus Bråten", "Nils Krogstad"),
            ("Ragnhild Moen", "Kristine Linde"),
            ("Einar Tveit", "Dr Rank"),
        ),
    ),
    Show(
        "hedda-gabler",
        "Hedda Gabler",
        "Drama",
        150,
        "Ruxandra Teodorescu",
        "Newly married and already bored, Hedda finds that the only power "
        "left to her is the power to destroy. A taut, claustrophobic staging "
        "in which the audience sits close enough to hear the pistols being "
        "loaded.",
        (
            ("Anamaria Stoenescu", "Hedda Tesman"),
            ("Florin Dobrin", "Jørgen Tesman"),
            ("Vlad Șerbănescu", "Ejlert Løvborg"),
            ("Cornel Pană", "Judge Brack"),
            ("Delia Rusu", "Thea Elvsted"),
        ),
    ),
    Show(
        "sarbatoare",
        "Sărbătoare",
        "Drama",
        95,
        "Oana Dumbravă",
        "Three siblings meet in their late mother's flat in a Bucharest "
        "apartment block on Christmas Eve to divide what she left behind. "
        "Over one night of cooking, quarrels and old songs on the radio, they "
        "find that the inheritance that matters is not the flat. A new "
        "Romanian play, performed in Romanian with English surtitles.",
        (
            ("Mihaela Vîlcu", "Elena"),
            ("Ștefan Drăgulescu", "Petru"),
            ("Iulia Cernat", "Andreea"),
            ("Aurel Stanciu", "Domnul Ciobanu, the neighbour"),
        ),
    ),
    Show(
        "la-boheme",
        "La bohème",
        "Opera",
        150,
        "Leopold Falkenhayn",
        "Four penniless artists share a freezing Paris garret, and a candle "
        "blown out on the stairs starts a love story. Puccini's most tender "
        "score, sung in Italian with German and English surtitles.",
        (
            ("Elisabetta Ranieri", "Mimì"),
            ("José Ferrándiz", "Rodolfo"),
            ("Konstantin Reiter", "Marcello"),
            ("Zoë Hartmann", "Musetta"),
            ("Dragoș Pădureanu", "Colline"),
            ("Henrik Vestergaard", "Schaunard"),
        ),
    ),
    Show(
        "carmen",
        "Carmen",
        "Opera",
        195,
        "Ximena Alcaraz",
        "A soldier abandons his post, his mother's wishes and the girl from "
        "home for a woman who will never belong to anyone. Bizet's blazing "
        "score in a staging that moves the story to a modern border town.",
        (
            ("Marina Kostadinova", "Carmen"),
            ("Aleksander Wiśniewski", "Don José"),
            ("Matthias Eberhardt", "Escamillo"),
            ("Sophie Lamarque", "Micaëla"),
            ("Gerhard Pflügl", "Zuniga"),
        ),
    ),
    Show(
        "la-traviata",
        "La traviata",
        "Opera",
        165,
        "Konrad Wimmer-Stein",
        "The most admired hostess in Paris gives up everything for a young "
        "man, and then his father asks her to give up even more. Verdi's "
        "heartbreaking opera, staged as one glittering party that slowly "
        "empties around her.",
        (
            ("Anastasia Lebedeva-Roth", "Violetta Valéry"),
            ("Giacomo Ferrucci", "Alfredo Germont"),
            ("Ulrich Haselböck", "Giorgio Germont"),
            ("Magdalena Strobl", "Flora Bervoix"),
            ("Theresa Kainz", "Annina"),
        ),
    ),
    Show(
        "tosca",
        "Tosca",
        "Opera",
        160,
        "Benedikt Auer",
        "Rome, 1800: a celebrated singer, her painter lover and the chief of "
        "police are caught up in a single day of politics, jealousy and "
        "betrayal. Puccini's thriller of an opera, each act set in a real "
        "Roman landmark.",
        (
            ("Ilona Várady", "Floria Tosca"),
            ("Luis Ortigosa", "Mario Cavaradossi"),
            ("Werner Trautmann", "Baron Scarpia"),
            ("Pavel Hruška", "Cesare Angelotti"),
            ("Anton Grill", "The Sacristan"),
        ),
    ),
    Show(
        "the-magic-flute",
        "The Magic Flute",
        "Opera",
        175,
        "Clemens Hollaender",
        "A prince is sent to rescue a princess and discovers that the villain "
        "may be the hero and the grieving mother the villain. Mozart's "
        "fairy-tale opera, with a bird-catcher who steals every scene, sung "
        "in German with surtitles.",
        (
            ("Julian Sandrock", "Tamino"),
            ("Lea Aigner", "Pamina"),
            ("Florian Mayrhofer", "Papageno"),
            ("Yuki Tanabe-Roth", "Queen of the Night"),
            ("Bjørn Eidsvik", "Sarastro"),
            ("Ferdinand Lutz", "Monostatos"),
        ),
    ),
    Show(
        "don-giovanni",
        "Don Giovanni",
        "Opera",
        190,
        "Serafina Lombardo",
        "A charming nobleman treats every woman as a conquest and every debt "
        "as optional, until a statue accepts his invitation to dinner. "
        "Mozart's dark comedy, with a finale that still sends a shiver "
        "through the house.",
        (
            ("Nikolaus Brenner", "Don Giovanni"),
            ("Ștefan Arghir", "Leporello"),
            ("Katarina Lindholm", "Donna Anna"),
            ("Verena Hochleitner", "Donna Elvira"),
            ("Paulina Jaworska", "Zerlina"),
            ("Matteo Caravaglia", "Don Ottavio"),
            ("Goran Milošević", "The Commendatore"),
        ),
    ),
    Show(
        "swan-lake",
        "Swan Lake",
        "Ballet",
        165,
        "Irina Sokolenko",
        "A prince out hunting meets a woman who is a swan by day, and swears "
        "a vow that a sorcerer is determined to see him break. Tchaikovsky's "
        "ballet in a classical staging, with the full corps de ballet and the "
        "orchestra in the pit.",
        (
            ("Valeria Montalbán", "Odette / Odile"),
            ("Kirill Aksyonov", "Prince Siegfried"),
            ("Sebastian Kögl", "Von Rothbart"),
            ("Dario Fenoglio", "Benno"),
        ),
    ),
    Show(
        "giselle",
        "Giselle",
        "Ballet",
        130,
        "Mathilde Serrurier",
        "A village girl dies of a broken heart when she learns her suitor is "
        "a nobleman in disguise, and returns among the spirits of jilted "
        "brides who dance men to their deaths. The great Romantic ballet, all "
        "moonlight and mist.",
        (
            ("Aiko Morimoto", "Giselle"),
            ("Joaquín Aranda", "Albrecht"),
            ("Tomasz Zieliński", "Hilarion"),
            ("Helga Steinbrecher", "Myrtha"),
        ),
    ),
    Show(
        "the-nutcracker",
        "The Nutcracker",
        "Ballet",
        125,
        "Irina Sokolenko",
        "On Christmas Eve a girl is given a wooden nutcracker, and at "
        "midnight the toys come to life to fight an army of mice. A snowstorm, "
        "a kingdom of sweets and a Christmas tree that grows to the ceiling.",
        (
            ("Emilia Baumgartner", "Clara"),
            ("Mikhail Darov", "The Nutcracker Prince"),
            ("Rupert Asamoah", "Drosselmeyer"),
            ("Chiara Valsecchi", "The Sugar Plum Fairy"),
            ("Jonas Weninger", "The Mouse King"),
        ),
    ),
    Show(
        "coppelia",
        "Coppélia",
        "Ballet",
        130,
        "Mathilde Serrurier",
        "Franz falls for a beautiful girl who sits motionless on a balcony, "
        "never guessing she is a mechanical doll. His fiancée Swanilda sneaks "
        "into the toymaker's workshop to find out the truth. A sunny comic "
        "ballet, ideal for a first visit.",
        (
            ("Noémie Castaing", "Swanilda"),
            ("Lorenzo Baratti", "Franz"),
            ("Friedrich Amsel", "Dr Coppélius"),
        ),
    ),
    Show(
        "die-fledermaus",
        "Die Fledermaus",
        "Operetta",
        170,
        "Benedikt Auer",
        "A man who should be reporting to prison goes to a masked ball "
        "instead, where he flirts with his own disguised wife. Johann "
        "Strauss's champagne-soaked operetta, a Viennese New Year tradition.",
        (
            ("Maximilian Trenkwalder", "Gabriel von Eisenstein"),
            ("Henriette Sallmayer", "Rosalinde"),
            ("Lisa-Marie Pöltl", "Adele"),
            ("Camille Duvernois", "Prince Orlofsky"),
            ("Ruprecht Zach", "Dr Falke"),
            ("Alois Nemeth", "Frank"),
        ),
    ),
    Show(
        "the-merry-widow",
        "The Merry Widow",
        "Operetta",
        165,
        "Konrad Wimmer-Stein",
        "A tiny bankrupt country needs the widow Hanna's millions to stay at "
        "home, so its embassy in Paris must stop her marrying a foreigner. "
        "Lehár's waltzes and a reluctant romance with an old flame do the "
        "rest.",
        (
            ("Dorothea Kremser", "Hanna Glawari"),
            ("Viktor Ebenhoch", "Count Danilo"),
            ("Ottokar Brunner", "Baron Mirko Zeta"),
            ("Juliette Marchand", "Valencienne"),
            ("Mihail Costin", "Camille de Rosillon"),
        ),
    ),
    Show(
        "orpheus-in-the-underworld",
        "Orpheus in the Underworld",
        "Operetta",
        140,
        "Serafina Lombardo",
        "Orpheus and Eurydice cannot stand each other, and she is delighted "
        "to be carried off to the underworld. Offenbach's irreverent send-up "
        "of the gods of Olympus ends with the most famous can-can ever "
        "written.",
        (
            ("Bastien Delorme", "Orpheus"),
            ("Annelie Rauscher", "Eurydice"),
            ("Georg Wieser", "Pluto"),
            ("Hubert Strassl", "Jupiter"),
            ("Margit Horváth", "Public Opinion"),
            ("Peter Lanzinger", "John Styx"),
        ),
    ),
    Show(
        "tin-roof-serenade",
        "Tin Roof Serenade",
        "Musical",
        155,
        "Gwendolyn Fairbairn",
        "In a seaside town whose pier is about to close, a retired crooner and "
        "his estranged daughter form an unlikely band for one last summer "
        "season. An original musical full of brass, close harmonies and rain "
        "drumming on a tin roof.",
        (
            ("Bernard Colquhoun", "Frank Delaney"),
            ("Ruby Ashdown", "Molly Delaney"),
            ("Nikhil Varma", "Dev"),
            ("Maureen Tavistock", "Aunt Peg"),
            ("Callum Rudd", "Lewis"),
        ),
    ),
    Show(
        "lanterns-at-low-tide",
        "Lanterns at Low Tide",
        "Musical",
        145,
        "Oluwaseun Bright",
        "Every autumn the fishing families of a small island float paper "
        "lanterns for the boats that never came home. This year a stranger "
        "steps off the last ferry carrying a letter from one of them. A "
        "folk-flavoured original musical about grief, gossip and second "
        "chances.",
        (
            ("Eilidh MacAskill", "Maren"),
            ("Jonah Treadwell", "The Stranger"),
            ("Winifred Hale", "Grandma Sal"),
            ("Fraser Dunbar", "Callum"),
            ("Mhairi Cowan", "Isla"),
        ),
    ),
    Show(
        "neon-sparrows",
        "Neon Sparrows",
        "Musical",
        150,
        "DeShawn Whitfield",
        "Three roommates in a Queens walk-up have one year to turn their "
        "late-night radio show into a career before the building is sold. A "
        "high-energy original musical whose score runs from doo-wop to drum "
        "and bass.",
        (
            ("Keandra Pryce", "Tasha"),
            ("Rubén Castellanos", "Miguel"),
            ("Quentin Marsh", "Ollie"),
            ("Loretta Vance", "Mrs Abernathy"),
            ("Isaac Feldman", "Benny"),
        ),
    ),
    Show(
        "the-snow-queen",
        "The Snow Queen",
        "Children's",
        70,
        "Gabriela Onu",
        "When a splinter of a magic mirror freezes Kai's heart, his best "
        "friend Gerda sets off alone across the frozen north to bring him "
        "home. Puppets, live music and real falling snow make Andersen's tale "
        "a first theatre trip to remember. For ages 5 and up.",
        (
            ("Sonia Murariu", "Gerda"),
            ("Luca Ardeleanu", "Kai"),
            ("Diana Chiriac", "The Snow Queen"),
            ("Alexia Bârsan", "The Robber Girl"),
        ),
    ),
    Show(
        "pinocchio",
        "Pinocchio",
        "Children's",
        65,
        "Nicolò Ferraresi",
        "A wooden puppet who longs to be a real boy keeps choosing the easy "
        "road, and his nose keeps giving him away. A lively version of "
        "Collodi's story with songs, slapstick and a very large fish. For "
        "ages 4 and up.",
        (
            ("Teddy Alvarado", "Pinocchio"),
            ("Walter Brisco", "Geppetto"),
            ("Naomi Castille", "The Blue Fairy"),
            ("Dwayne Holbrook", "The Cat"),
            ("Lisette Aubry", "The Fox"),
            ("Priya Ramaswamy", "The Talking Cricket"),
        ),
    ),
    Show(
        "puss-in-boots",
        "Puss in Boots",
        "Children's",
        60,
        "Gabriela Onu",
        "A miller's youngest son inherits nothing but a cat, but this cat has "
        "a plan, a feathered hat and a very fine pair of boots. A quick, "
        "funny retelling with plenty of shouting from the audience and an "
        "ogre who is not nearly as scary as he thinks. For ages 4 and up.",
        (
            ("Cezar Moldoveanu", "Puss"),
            ("Tudor Anghel", "The Miller's Son"),
            ("Ilinca Roman", "The Princess"),
            ("Marian Bratu", "The Ogre"),
        ),
    ),
    Show(
        "the-ugly-duckling",
        "The Ugly Duckling",
        "Children's",
        60,
        "Nicolò Ferraresi",
        "One egg in the nest hatches later than the rest, and the chick that "
        "comes out looks nothing like its brothers and sisters. Told with "
        "shadow puppets and a live cellist, Andersen's story of belonging "
        "reaches its lovely ending in exactly one hour. For ages 3 and up.",
        (
            ("Mia Kowalczyk", "The Duckling"),
            ("Denise Holt", "Mother Duck"),
            ("Bernard Quill", "The Old Cat"),
            ("Sofía Llorente", "The Swan"),
        ),
    ),
    Show(
        "tidewater",
        "Tidewater",
        "Contemporary dance",
        70,
        "Dagny Solvang",
        "Four dancers and a curtain of falling water explore how a coastline "
        "is shaped by what the sea takes away. A wordless, physical seventy "
        "minutes set to an electronic score by the company's own composer.",
        (
            ("Maëlle Fournier", "The Tide"),
            ("Radu Corbeanu", "The Shore"),
            ("Ayumi Hasegawa", "The Diver"),
            ("Lars Øvergaard", "The Lighthouse Keeper"),
        ),
    ),
    Show(
        "fault-lines",
        "Fault Lines",
        "Contemporary dance",
        80,
        "Renata Szabó",
        "Two dancers begin on either side of a crack in the floor that widens "
        "as the evening goes on. A tense, athletic duet that grows into an "
        "ensemble piece about the distance between people who share a city.",
        (
            ("Imani Okafor-Greene", "First Dancer"),
            ("Diego Saavedra", "Second Dancer"),
            ("Hye-jin Park", "Ensemble"),
            ("Tomás Quiroga", "Ensemble"),
        ),
    ),
)


# People who book ----------------------------------------------------------
#
# (weight, first names, family names): a user's name comes from one group, so
# names stay plausible; the weights lean towards the venues' home countries.

NAME_GROUPS = (
    (
        4,
        """
        Oliver Amelia Harry Isla George Freya Jack Poppy Thomas Imogen Samuel
        Eleanor Daniel Rosie Matthew Hannah Aaron Maya Nathan Priya Marcus
        Keisha Ethan Olivia Liam Emily Noah Abigail
        """.split(),
        """
        Thompson Whitaker Hughes Fletcher Okafor Patel Bennett Harrington Marsh
        Collins Doyle Reyes Nguyen Goldberg Sullivan Price Ashworth Holloway
        Carter Brooks Fairbanks Mendez O'Connor Campbell
        """.split(),
    ),
    (
        3,
        """
        Andrei Ioana Mihai Bianca Ștefan Alexandra Radu Irina Cristian Oana
        Bogdan Răzvan Ana-Maria Teodora Vlad Mădălina Sorin Ilinca Tudor Corina
        Dragoș Ionuț Anca Mirela
        """.split(),
        """
        Popescu Ionescu Dumitrescu Stănescu Constantinescu Georgescu Marinescu
        Munteanu Țurcanu Vasilescu Bălan Neagu Stoica Păun Ciobanu Dobre Lupu
        Șerban Florea Moldovan Chirilă
        """.split(),
    ),
    (
        3,
        """
        Lukas Anna Jürgen Lena Matthias Katharina Felix Sophie Maximilian
        Johanna Florian Theresa Tobias Elisabeth Stefan Magdalena Jörg Valentina
        """.split(),
        """
        Gruber Huber Bauer Wagner Pichler Moser Hofer Leitner Berger Fuchs Eder
        Schwarz Wallner Brandstätter Öztürk Lindner Steiner Köhler
        """.split(),
    ),
    (
        1,
        "José Lucía Inés Joaquín Álvaro Marta Sofía".split(),
        "García Fernández Álvarez Núñez Ortega Romero".split(),
    ),
    (
        1,
        "Zoë Hélène François Chloé Mathéo Léa Benoît".split(),
        "Dubois Lefèvre Moreau Girard Lemaître Rousseau".split(),
    ),
    (
        1,
        "Bjørn Åsa Søren Ingrid Mette Lars Sigrid".split(),
        "Johansen Nyström Haugen Sørensen Lindqvist Ødegaard".split(),
    ),
    (
        1,
        "Łukasz Agnieszka Paweł Zofia Michał Joanna".split(),
        "Kowalczyk Nowak Wójcik Zając Lewandowski".split(),
    ),
)
