"""The demo news of the site in Turkmen, Russian, Turkish and English: topics, articles, statements.

``home``'s ``seed_demo`` command builds the topics and the pages under each
language's news index from what is defined here. As in ``home.demo_content``,
the facts come from the article that announced HHD's founding (published by the
Turkmenistan Helsinki Foundation for Human Rights) and the list of latest news
beside it, which gives only the headlines of the passport-amnesty appeal and of
the freedom-of-movement piece. Nothing here may name a person, a number, a
quotation or an organisation that the article does not contain.
"""

import datetime
from dataclasses import dataclass

from home.demo_content import MAIL_LINK, TIKTOK_HANDLE, YOUTUBE_HANDLE, Heading, Paragraph, Quote


@dataclass(frozen=True)
class TopicText:
    """A topic's name and slug in one language (slugs in plain ASCII, unique per language)."""

    name: str
    slug: str


@dataclass(frozen=True)
class ArticleText:
    """One news article or statement in one language."""

    title: str
    slug: str
    summary: str
    body: tuple


@dataclass(frozen=True)
class NewsArticle:
    """A news article in every language, with its date, illustration, topics and source."""

    date: datetime.date
    illustration: str  # a key of home.demo_content.ILLUSTRATIONS
    topics: tuple  # keys of TOPICS
    source: str  # a key of SOURCES
    texts: dict  # language code -> ArticleText


@dataclass(frozen=True)
class Statement(NewsArticle):
    """A statement (an appeal or a position) in every language, and to whom it is addressed."""

    addressee: dict  # language code -> "To ..."


# --- Topics ----------------------------------------------------------------------

# The Turkmen topic is the source of each translation (one translation key per topic).
TOPICS = {
    "passports": {
        "tk": TopicText("Pasportlar", "pasportlar"),
        "ru": TopicText("Паспорта", "pasporta"),
        "tr": TopicText("Pasaportlar", "pasaportlar"),
        "en": TopicText("Passports", "passports"),
    },
    "residence-permits": {
        "tk": TopicText("Ýaşaýyş rugsatlary", "yasayys-rugsatlary"),
        "ru": TopicText("Вид на жительство", "vid-na-zhitelstvo"),
        "tr": TopicText("İkamet izinleri", "ikamet-izinleri"),
        "en": TopicText("Residence permits", "residence-permits"),
    },
    "deportation": {
        "tk": TopicText("Deportasiýa", "deportasiya"),
        "ru": TopicText("Депортация", "deportatsiya"),
        "tr": TopicText("Sınır dışı etme", "sinir-disi-etme"),
        "en": TopicText("Deportation", "deportation"),
    },
    "freedom-of-movement": {
        "tk": TopicText("Hereket azatlygy", "hereket-azatlygy"),
        "ru": TopicText("Свобода передвижения", "svoboda-peredvizheniya"),
        "tr": TopicText("Seyahat özgürlüğü", "seyahat-ozgurlugu"),
        "en": TopicText("Freedom of movement", "freedom-of-movement"),
    },
    "political-prisoners": {
        "tk": TopicText("Syýasy tussaglar", "syyasy-tussaglar"),
        "ru": TopicText("Политзаключённые", "politzaklyuchennye"),
        "tr": TopicText("Siyasi tutuklular", "siyasi-tutuklular"),
        "en": TopicText("Political prisoners", "political-prisoners"),
    },
}


# --- Sources -----------------------------------------------------------------------

# The "source" line of an article, by language.
SOURCES = {
    "hhd": {"tk": "HHD", "ru": "HHD", "tr": "HHD", "en": "HHD"},
    "thf": {
        "tk": "Türkmen Helsinki adam hukuklary fondy",
        "ru": "Туркменский Хельсинкский фонд по правам человека",
        "tr": "Türkmen Helsinki İnsan Hakları Vakfı",
        "en": "Turkmen Helsinki Foundation for Human Rights",
    },
    "defenders": {
        "tk": "Hukuk goraýjylar",
        "ru": "Правозащитники",
        "tr": "İnsan hakları savunucuları",
        "en": "Human-rights defenders",
    },
}


# --- News articles and statements ---------------------------------------------------

_CHANNELS = f"YouTube — {YOUTUBE_HANDLE}, TikTok — {TIKTOK_HANDLE}"
_CONTACTS = {
    "tk": f"<p>Habarlaşmak üçin: e-poçta {MAIL_LINK}, {_CHANNELS}.</p>",
    "ru": f"<p>Контакты: электронная почта {MAIL_LINK}, {_CHANNELS}.</p>",
    "tr": f"<p>İletişim: e-posta {MAIL_LINK}, {_CHANNELS}.</p>",
    "en": f"<p>Contacts: e-mail {MAIL_LINK}, {_CHANNELS}.</p>",
}

FOUNDING_ARTICLE = NewsArticle(
    date=datetime.date(2025, 3, 3),
    illustration="founding",
    topics=("passports", "residence-permits", "deportation"),
    source="thf",
    texts={
        "tk": ArticleText(
            title="Türkmen migrantlary Stambulda hukuk goraýjy gurama döretdiler",
            slug="turkmen-migrantlary-stambulda-gurama-doretdiler",
            summary=(
                "Türkmenistandan gelen migrantlar Türkiýedäki we Türkmenistandaky türkmen raýatlarynyň "
                "hukuklaryny gorajak Hak Hukuga Daýanç guramasyny hasaba aldyrdylar. Guramanyň ýolbaşçysy "
                "edip Dursoltan Taganowa saýlandy."
            ),
            body=(
                Paragraph(
                    "<p>Stambulda täze jemgyýetçilik guramasy — Hak Hukuga Daýanç (HHD) hasaba alyndy. Ony "
                    "şäherde ýaşaýan türkmen migrantlary esaslandyrdylar, guramanyň ýolbaşçysy edip bolsa "
                    "Dursoltan Taganowa saýlandy.</p>"
                ),
                Paragraph(
                    "<p>HHD türkmen raýatlarynyň Konstitusiýada berkidilen hukuklarynyň Türkiýede we "
                    "Türkmenistanda nähili berjaý edilýändigine gözegçilik etmegi maksat edinýär. Gurama "
                    "awtoritar türkmen režiminiň yzarlamalaryna we hukuk bozulmalaryna sezewar bolan "
                    "adamlary goramaga we şeýle ýagdaýlaryň öňüni almaga çalyşar.</p>"
                ),
                Heading("Näme üçin täze gurama"),
                Paragraph(
                    "<p>Türkiýede birnäçe türkmen birleşigi eýýäm işleýär. Emma Dursoltan Taganowanyň "
                    "belleýşi ýaly, olar adam hukuklaryny goramaýarlar: režimi wasp edýärler we hakykatda "
                    "bolup geçýän zatlar barada dymýarlar. Şol bir wagtda käbir maglumatlara görä, häzir "
                    "Türkiýede ýarym milliondan gowrak türkmen raýaty ýaşaýar we olaryň köpüsiniň ýagdaýy "
                    "juda agyr.</p>"
                ),
                Paragraph(
                    "<p>Ýüzmüňlerçe adam pasportyny çalşyp ýa-da ýaşaýyş rugsadyny alyp bilmeýär. Şonuň "
                    "netijesinde olar kanuny esasda işlemek, lukmançylyk kömegini we bilim almak "
                    "mümkinçiliginden mahrum bolýarlar, çagalaryny bolsa çagalar bagyna kabul etmeýärler. "
                    "Ýüzlerçe adam deportasiýa merkezlerinde aýlap saklanýar we şol wagtyň dowamynda işini "
                    "hem jaýyny ýitirýär. Merkezleriň işgärleri konsullyklaryň olaryň jaňlaryna jogap "
                    "bermeýändigini ýa-da asla hiç hili çäre görmeýändigini aýdýarlar.</p>"
                ),
                Paragraph(
                    "<p>Watandaşlarynyň daşary ýurtdaky kynçylyklaryna şeýle biperwaý garalýandygy sebäpli, "
                    "türkmen migrantlary birleşip, öz hukuklaryny bilelikde goramagy öwrenmek kararyna "
                    "geldiler.</p>"
                ),
                Heading("Aklawçylar we hukuk goraýjylar bilen hyzmatdaşlyk"),
                Paragraph(
                    "<p>HHD her gün türkmen raýatlaryndan hat alýar we olar bilen aragatnaşyk saklaýar. "
                    "Gurama ýagdaýy bilelikdäki tagallalar bilen gowulandyrmak üçin ýerli aklawçylar we "
                    "hukuk goraýjylar bilen hyzmatdaşlyk etmäge taýýar.</p>"
                ),
                Paragraph(_CONTACTS["tk"]),
            ),
        ),
        "ru": ArticleText(
            title="Туркменские мигранты создали в Стамбуле правозащитную организацию",
            slug="v-stambule-sozdana-pravozashchitnaya-organizatsiya",
            summary=(
                "Мигранты из Туркменистана зарегистрировали организацию «Hak Hukuga Daýanç», которая будет "
                "защищать права граждан Туркменистана в Турции и на родине. Её руководителем избрана "
                "Дурсолтан Таганова."
            ),
            body=(
                Paragraph(
                    "<p>В Стамбуле зарегистрирована новая неправительственная организация — «Hak Hukuga "
                    "Daýanç» (HHD), что в переводе означает «Опора на права и закон». Её основали "
                    "туркменские мигранты, живущие в городе, а руководителем избрали Дурсолтан "
                    "Таганову.</p>"
                ),
                Paragraph(
                    "<p>HHD ставит перед собой цель следить за соблюдением конституционных прав граждан "
                    "Туркменистана как в Турции, так и в Туркменистане. Организация намерена защищать людей, "
                    "которых преследует авторитарный туркменский режим и чьи права он нарушает, и "
                    "предотвращать такие нарушения.</p>"
                ),
                Heading("Зачем нужна новая организация"),
                Paragraph(
                    "<p>Несколько туркменских объединений в Турции уже существуют. Но, как отмечает "
                    "Дурсолтан Таганова, правами человека они не занимаются: они восхваляют режим и молчат "
                    "о том, что происходит на самом деле. А ведь, по некоторым оценкам, в Турции сейчас "
                    "живут более полумиллиона граждан Туркменистана, и положение многих из них "
                    "отчаянное.</p>"
                ),
                Paragraph(
                    "<p>Сотни тысяч человек не могут обменять паспорт или получить вид на жительство. Из-за "
                    "этого они лишаются возможности легально работать, получать медицинскую помощь и "
                    "учиться, а их детей не берут в детские сады. Сотни людей месяцами содержатся в "
                    "депортационных центрах и за это время теряют работу и жильё. Сотрудники центров "
                    "говорят, что консульства не отвечают на их звонки или вовсе никак не реагируют.</p>"
                ),
                Paragraph(
                    "<p>Столкнувшись с таким равнодушием, туркменские мигранты решили объединиться и вместе "
                    "учиться защищать свои права.</p>"
                ),
                Heading("Сотрудничество с юристами и правозащитниками"),
                Paragraph(
                    "<p>Каждый день HHD получает сообщения от граждан Туркменистана и поддерживает с ними "
                    "связь. Организация готова сотрудничать с местными юристами и правозащитниками, чтобы "
                    "совместными усилиями улучшить положение.</p>"
                ),
                Paragraph(_CONTACTS["ru"]),
            ),
        ),
        "tr": ArticleText(
            title="Türkmen göçmenler İstanbul'da bir insan hakları kuruluşu kurdu",
            slug="turkmen-gocmenler-istanbulda-insan-haklari-kurulusu-kurdu",
            summary=(
                "Türkmenistanlı göçmenler, Türkiye'de ve Türkmenistan'da Türkmenistan vatandaşlarının "
                "haklarını savunacak Hak Hukuga Daýanç adlı kuruluşu tescil ettirdi. Kuruluşun başkanlığına "
                "Dursoltan Taganova seçildi."
            ),
            body=(
                Paragraph(
                    "<p>İstanbul'da yeni bir sivil toplum kuruluşu tescil edildi: Hak Hukuga Daýanç (HHD), "
                    "yani “Hak ve hukuka dayanak”. Kuruluşu şehirde yaşayan Türkmen göçmenler kurdu; "
                    "başkanlığına ise Dursoltan Taganova seçildi.</p>"
                ),
                Paragraph(
                    "<p>HHD, Türkmenistan vatandaşlarının anayasal haklarına hem Türkiye'de hem de "
                    "Türkmenistan'da uyulup uyulmadığını izlemeyi amaçlıyor. Kuruluş, otoriter Türkmen "
                    "rejiminin baskısına ve hak ihlallerine maruz kalan insanları korumayı ve bu tür "
                    "ihlallerin önüne geçmeyi hedefliyor.</p>"
                ),
                Heading("Neden yeni bir kuruluş"),
                Paragraph(
                    "<p>Türkiye'de hâlihazırda birkaç Türkmen derneği faaliyet gösteriyor. Ancak Dursoltan "
                    "Taganova'nın belirttiği gibi bu dernekler insan haklarını savunmuyor; rejimi övüyor ve "
                    "gerçekte olup bitenler hakkında susuyorlar. Oysa bazı tahminlere göre bugün Türkiye'de "
                    "yarım milyondan fazla Türkmenistan vatandaşı yaşıyor ve birçoğunun durumu çaresiz.</p>"
                ),
                Paragraph(
                    "<p>Yüz binlerce kişi pasaportunu yenileyemiyor veya ikamet izni alamıyor. Bu nedenle "
                    "yasal olarak çalışma, tedavi görme ve eğitim alma imkânından yoksun kalıyorlar; "
                    "çocukları kreşlere kabul edilmiyor. Yüzlerce kişi aylarca geri gönderme merkezlerinde "
                    "tutuluyor ve bu süre içinde işini ve barınacak yerini kaybediyor. Merkez çalışanları, "
                    "konsoloslukların telefonlarına cevap vermediğini ya da hiç tepki göstermediğini "
                    "söylüyor.</p>"
                ),
                Paragraph(
                    "<p>Bu ilgisizlik karşısında Türkmen göçmenler bir araya gelmeye ve haklarını birlikte "
                    "savunmayı öğrenmeye karar verdi.</p>"
                ),
                Heading("Avukatlar ve insan hakları savunucularıyla iş birliği"),
                Paragraph(
                    "<p>HHD her gün Türkmenistan vatandaşlarından mesajlar alıyor ve onlarla iletişimi "
                    "sürdürüyor. Kuruluş, durumu ortak çabayla iyileştirmek için yerel avukatlar ve insan "
                    "hakları savunucularıyla iş birliği yapmaya hazır.</p>"
                ),
                Paragraph(_CONTACTS["tr"]),
            ),
        ),
        "en": ArticleText(
            title="Turkmen migrants found a human-rights organisation in Istanbul",
            slug="turkmen-migrants-found-human-rights-organisation-in-istanbul",
            summary=(
                "Migrants from Turkmenistan have registered Hak Hukuga Daýanç, an organisation that will "
                "defend the rights of Turkmen citizens in Türkiye and in Turkmenistan. Dursoltan Taganova "
                "was elected as its head."
            ),
            body=(
                Paragraph(
                    "<p>A new non-governmental organisation has been registered in Istanbul: Hak Hukuga "
                    "Daýanç (HHD), which means “Reliance on Rights and Law”. It was founded by Turkmen "
                    "migrants living in the city, who elected Dursoltan Taganova to lead it.</p>"
                ),
                Paragraph(
                    "<p>HHD sets out to monitor whether the constitutional rights of Turkmen citizens are "
                    "observed, in Türkiye as well as in Turkmenistan. It intends to protect people who are "
                    "persecuted by the authoritarian Turkmen regime or whose rights it violates, and to help "
                    "prevent such violations.</p>"
                ),
                Heading("Why a new organisation"),
                Paragraph(
                    "<p>Some Turkmen associations already operate in Türkiye. But, as Dursoltan Taganova "
                    "points out, they do not defend human rights: they praise the regime and stay silent "
                    "about what is really going on. Yet by some estimates more than half a million Turkmen "
                    "citizens now live in Türkiye, and many of them are in a desperate position.</p>"
                ),
                Paragraph(
                    "<p>Hundreds of thousands are unable to exchange their passports or to get a residence "
                    "permit. As a result they are cut off from legal work, medical care and education, and "
                    "their children are not admitted to kindergartens. Hundreds of people are held in "
                    "deportation centres for months, losing their jobs and homes while they wait. Staff at "
                    "these centres say the consulates either ignore their calls or do not react at "
                    "all.</p>"
                ),
                Paragraph(
                    "<p>Faced with such indifference, Turkmen migrants decided to join forces and learn "
                    "together how to defend their rights.</p>"
                ),
                Heading("Working with lawyers and rights defenders"),
                Paragraph(
                    "<p>HHD hears from Turkmen citizens every day and keeps in touch with them. The "
                    "organisation is ready to work with local lawyers and human-rights defenders to improve "
                    "the situation through joint effort.</p>"
                ),
                Paragraph(_CONTACTS["en"]),
            ),
        ),
    },
)

# The appeal is known only by its headline, so the addressee stays general, and no
# co-signing organisations are listed: the article names none, and it does not say
# that HHD signed the appeal either.
PASSPORT_AMNESTY_STATEMENT = Statement(
    date=datetime.date(2025, 4, 14),
    illustration="passport",
    topics=("passports", "freedom-of-movement"),
    source="defenders",
    addressee={
        "tk": "Türkmenistanyň häkimiýetlerine",
        "ru": "Властям Туркменистана",
        "tr": "Türkmenistan makamlarına",
        "en": "To the authorities of Turkmenistan",
    },
    texts={
        "tk": ArticleText(
            title="Hukuk goraýjylar pasport amnistiýasyna çagyrýarlar",
            slug="pasport-amnistiyasy",
            summary=(
                "Hukuk goraýjylar «Türkmen Pasport Amnistiýasy» atly ýüzlenme bilen çykyş etdiler. Ol "
                "HHD-niň her gün eşidýän meselesine — daşary ýurtda pasportyny täzeläp bilmeýän türkmen "
                "raýatlaryna degişli."
            ),
            body=(
                Paragraph(
                    "<p>Hukuk goraýjylar «Türkmen Pasport Amnistiýasy» diýen at bilen ýüzlenme çap etdiler. "
                    "Ýüzlenme Türkmen Helsinki adam hukuklary fondunyň saýtynda soňky habarlaryň arasynda "
                    "peýda boldy.</p>"
                ),
                Paragraph(
                    "<p>Türkiýedäki türkmenler üçin bu iň agyr meseleleriň biridir. Käbir maglumatlara görä, "
                    "ýurtda ýarym milliondan gowrak türkmen raýaty ýaşaýar we olaryň ýüzmüňlerçesi "
                    "pasportyny çalşyp bilmeýär. Hereketdäki pasport bolmasa, ýaşaýyş rugsadyny alyp "
                    "bolmaýar, ýaşaýyş rugsady bolmasa bolsa adamlar kanuny esasda işläp, hassahanada "
                    "bejergi alyp ýa-da okap bilmeýärler, çagalary hem çagalar bagyna gidip bilmeýär.</p>"
                ),
                Paragraph(
                    "<p>Käbirleri deportasiýa merkezlerine düşüp, ol ýerde aýlap saklanýarlar we şol "
                    "döwürde işini hem ýaşaýan ýerini ýitirýärler. Merkezlerden Türkmenistanyň "
                    "konsullyklaryna edilýän jaňlar jogapsyz galýar.</p>"
                ),
                Heading("HHD näme edýär"),
                Paragraph(
                    "<p>HHD bu ýüzlenmäni paýlaşýar we pasport meselesi bilen ýüzbe-ýüz bolan her bir adamy "
                    f"bize {MAIL_LINK} salgysyna ýazmaga çagyrýar. Biz şeýle ýagdaýa düşen adamlar bilen "
                    "aragatnaşykda bolýarys we olara kömek etmek üçin aklawçylar hem-de hukuk goraýjylar "
                    "bilen bilelikde işleýäris.</p>"
                ),
            ),
        ),
        "ru": ArticleText(
            title="Правозащитники призывают к паспортной амнистии",
            slug="pasportnaya-amnistiya",
            summary=(
                "Правозащитники выступили с обращением «Türkmen Pasport Amnistiýasy» («Паспортная амнистия "
                "для туркмен»). Оно касается проблемы, о которой HHD слышит каждый день: граждане "
                "Туркменистана за рубежом не могут обновить паспорта."
            ),
            body=(
                Paragraph(
                    "<p>Правозащитники опубликовали обращение под названием «Türkmen Pasport Amnistiýasy» — "
                    "паспортная амнистия для граждан Туркменистана. Оно появилось среди последних новостей "
                    "Туркменского Хельсинкского фонда по правам человека.</p>"
                ),
                Paragraph(
                    "<p>Для туркменской общины в Турции это одна из самых острых проблем. По некоторым "
                    "данным, в стране живут более полумиллиона граждан Туркменистана, и сотни тысяч из них "
                    "не могут обменять паспорт. Без действующего паспорта нельзя получить вид на "
                    "жительство, а без вида на жительство люди не могут легально работать, лечиться в "
                    "больнице и учиться, а их дети — ходить в детский сад.</p>"
                ),
                Paragraph(
                    "<p>Некоторые попадают в депортационные центры, проводят там месяцы и за это время "
                    "теряют работу и жильё. Звонки из центров в консульства Туркменистана остаются без "
                    "ответа.</p>"
                ),
                Heading("Что делает HHD"),
                Paragraph(
                    "<p>HHD распространяет это обращение и просит всех, кого коснулась паспортная проблема, "
                    f"написать нам на {MAIL_LINK}. Мы поддерживаем связь с людьми, оказавшимися в такой "
                    "ситуации, и вместе с юристами и правозащитниками помогаем им.</p>"
                ),
            ),
        ),
        "tr": ArticleText(
            title="İnsan hakları savunucularından pasaport affı çağrısı",
            slug="pasaport-affi-cagrisi",
            summary=(
                "İnsan hakları savunucuları “Türkmen Pasport Amnistiýasy” (Türkmen pasaport affı) başlıklı "
                "bir çağrı yaptı. Çağrı, HHD'nin her gün duyduğu bir sorunla ilgili: yurt dışında "
                "pasaportunu yenileyemeyen Türkmenistan vatandaşları."
            ),
            body=(
                Paragraph(
                    "<p>İnsan hakları savunucuları “Türkmen Pasport Amnistiýasy” başlıklı bir çağrı "
                    "yayımladı; başlık, Türkmenistan vatandaşları için bir pasaport affı anlamına geliyor. "
                    "Çağrı, Türkmen Helsinki İnsan Hakları Vakfı'nın son haberleri arasında yer aldı.</p>"
                ),
                Paragraph(
                    "<p>Türkiye'deki Türkmen topluluğu için bu, en yakıcı sorunlardan biri. Bazı verilere "
                    "göre ülkede yarım milyondan fazla Türkmenistan vatandaşı yaşıyor ve bunların yüz "
                    "binlercesi pasaportunu yenileyemiyor. Geçerli pasaport olmadan ikamet izni alınamıyor; "
                    "ikamet izni olmadan da insanlar yasal olarak çalışamıyor, hastanede tedavi göremiyor, "
                    "okuyamıyor; çocukları kreşe gidemiyor.</p>"
                ),
                Paragraph(
                    "<p>Bazıları geri gönderme merkezlerine düşüyor, orada aylar geçiriyor ve bu sürede "
                    "işini ve evini kaybediyor. Merkezlerden Türkmenistan konsolosluklarına yapılan "
                    "aramalar cevapsız kalıyor.</p>"
                ),
                Heading("HHD ne yapıyor"),
                Paragraph(
                    "<p>HHD bu çağrıyı paylaşıyor ve pasaport sorunu yaşayan herkesi "
                    f"{MAIL_LINK} adresine yazmaya davet ediyor. Bu durumdaki insanlarla iletişimde "
                    "kalıyor, onlara yardım etmek için avukatlar ve insan hakları savunucularıyla birlikte "
                    "çalışıyoruz.</p>"
                ),
            ),
        ),
        "en": ArticleText(
            title="Human-rights defenders call for a passport amnesty",
            slug="passport-amnesty-appeal",
            summary=(
                "Human-rights defenders have issued an appeal titled “Türkmen Pasport Amnistiýasy” (a "
                "passport amnesty for Turkmens). It concerns a problem HHD hears about every day: Turkmen "
                "citizens abroad who cannot renew their passports."
            ),
            body=(
                Paragraph(
                    "<p>Human-rights defenders have published an appeal under the title “Türkmen Pasport "
                    "Amnistiýasy”, a passport amnesty for citizens of Turkmenistan. It appeared among the "
                    "latest news of the Turkmen Helsinki Foundation for Human Rights.</p>"
                ),
                Paragraph(
                    "<p>For the Turkmen community in Türkiye this is one of the most pressing problems. By "
                    "some estimates more than half a million Turkmen citizens live in the country, and "
                    "hundreds of thousands of them cannot exchange their passports. Without a valid "
                    "passport there is no residence permit, and without a residence permit people cannot "
                    "work legally, be treated in hospital or study, and their children cannot go to "
                    "kindergarten.</p>"
                ),
                Paragraph(
                    "<p>Some end up in deportation centres, spend months there and lose their jobs and "
                    "housing in the meantime. Calls from the centres to Turkmenistan's consulates go "
                    "unanswered.</p>"
                ),
                Heading("What HHD does"),
                Paragraph(
                    "<p>HHD is sharing the appeal and asks everyone affected by the passport problem to "
                    f"write to us at {MAIL_LINK}. We stay in touch with people in this situation and work "
                    "with lawyers and human-rights defenders to help them.</p>"
                ),
            ),
        ),
    },
)

FREEDOM_OF_MOVEMENT_ARTICLE = NewsArticle(
    date=datetime.date(2025, 5, 19),
    illustration="movement",
    topics=("freedom-of-movement", "passports"),
    source="hhd",
    texts={
        "tk": ArticleText(
            title="Türkmen raýatlarynyň erkin hereket etmäge hukugy bolmaly",
            slug="erkin-hereket-etmek-hukugy",
            summary=(
                "Öz ýurduňdan çykmak we oňa gaýdyp gelmek adamyň esasy hukuklarynyň biridir. Daşary ýurtda "
                "ýaşaýan köp türkmen raýaty üçin bu hukuk diňe kagyz ýüzünde galýar."
            ),
            body=(
                Paragraph(
                    "<p>Islendik ýurtdan, şol sanda öz ýurduňdan çykmak we oňa gaýdyp gelmek hukugy halkara "
                    "adam hukuklary kanunçylygynda ykrar edilen. Hukuk goraýjylar türkmen raýatlarynyň hem "
                    "bu hukukdan peýdalanyp bilmelidigini nygtaýarlar; Türkmen Helsinki adam hukuklary fondy "
                    "hem bu meselä ünsi çekdi.</p>"
                ),
                Paragraph(
                    "<p>Türkiýedäki türkmen migrantlary üçin erkin hereket etmek hereketdäki pasporta bagly. "
                    "Ýüzmüňlerçe adam pasportyny çalşyp bilmeýär, şonuň üçin ýaşaýyş rugsadyny hem alyp "
                    "bilmeýär. Olar ýaşaýan ýerinde kanuny ýerleşip bilmeýärler, howpsuz syýahat edip "
                    "bilmeýärler we aýlarboýy deportasiýa merkezinde galmak howpy astynda ýaşaýarlar.</p>"
                ),
                Paragraph(
                    "<p>Pasport döwletiň rehimdarlygy däl-de, raýatyň özüne degişli hukuklaryndan "
                    "peýdalanmagyna mümkinçilik berýän resminamadyr. Konsullyklar jogap bermese we "
                    "resminamalary täzeläp bolmasa, adamlar iki ýurduň arasynda gysylyp galýarlar.</p>"
                ),
                Heading("HHD näme eder"),
                Paragraph(
                    "<p>HHD bu hukugyň nähili berjaý edilýändigine gözegçilik etmegi dowam etdirer we bize "
                    "ýüzlenen adamlaryň ýagdaýlary barada olaryň razylygy bilen habar berer. Eger bu mesele "
                    f"size hem degişli bolsa, bize ýazyň: {MAIL_LINK}.</p>"
                ),
            ),
        ),
        "ru": ArticleText(
            title="Граждане Туркменистана должны иметь право на свободу передвижения",
            slug="svoboda-peredvizheniya",
            summary=(
                "Свободно покидать свою страну и возвращаться в неё — одно из основных прав человека. Для "
                "многих граждан Туркменистана за рубежом это право существует лишь на бумаге."
            ),
            body=(
                Paragraph(
                    "<p>Право покидать любую страну, включая собственную, и возвращаться в свою страну "
                    "признано международным правом в области прав человека. Правозащитники настаивают на "
                    "том, что граждане Туркменистана тоже должны иметь возможность им пользоваться; на эту "
                    "проблему обратил внимание и Туркменский Хельсинкский фонд по правам человека.</p>"
                ),
                Paragraph(
                    "<p>Для туркменских мигрантов в Турции свобода передвижения зависит от действующего "
                    "паспорта. Сотни тысяч человек не могут его обменять, а значит, не могут получить и вид "
                    "на жительство. Они не могут легально обосноваться там, где живут, не могут безопасно "
                    "путешествовать и рискуют на месяцы оказаться в депортационном центре.</p>"
                ),
                Paragraph(
                    "<p>Паспорт — не милость государства, а документ, с помощью которого гражданин "
                    "пользуется принадлежащими ему правами. Когда консульства молчат, а документы "
                    "невозможно обновить, люди оказываются зажатыми между двумя странами.</p>"
                ),
                Heading("Что будет делать HHD"),
                Paragraph(
                    "<p>HHD продолжит следить за тем, как соблюдается это право, и с согласия обратившихся "
                    "к нам людей рассказывать об их положении. Если эта проблема касается и вас, напишите "
                    f"нам: {MAIL_LINK}.</p>"
                ),
            ),
        ),
        "tr": ArticleText(
            title="Türkmenistan vatandaşları seyahat özgürlüğüne sahip olmalı",
            slug="seyahat-ozgurlugu",
            summary=(
                "İnsanın kendi ülkesinden ayrılabilmesi ve oraya geri dönebilmesi temel insan haklarından "
                "biridir. Yurt dışındaki birçok Türkmenistan vatandaşı için bu hak yalnızca kâğıt üzerinde "
                "kalıyor."
            ),
            body=(
                Paragraph(
                    "<p>Kendi ülkesi de dâhil olmak üzere herhangi bir ülkeden ayrılma ve kendi ülkesine "
                    "geri dönme hakkı, uluslararası insan hakları hukukunda tanınmış bir haktır. İnsan "
                    "hakları savunucuları, Türkmenistan vatandaşlarının da bu haktan yararlanabilmesi "
                    "gerektiğini vurguluyor; Türkmen Helsinki İnsan Hakları Vakfı da bu konuya dikkat "
                    "çekti.</p>"
                ),
                Paragraph(
                    "<p>Türkiye'deki Türkmen göçmenler için seyahat özgürlüğü geçerli bir pasaporta bağlı. "
                    "Yüz binlerce kişi pasaportunu yenileyemiyor ve bu yüzden ikamet izni de alamıyor. "
                    "Yaşadıkları yerde yasal olarak yerleşemiyor, güvenle seyahat edemiyor ve aylarca bir "
                    "geri gönderme merkezinde kalma riskiyle yaşıyorlar.</p>"
                ),
                Paragraph(
                    "<p>Pasaport devletin bir lütfu değil, vatandaşın kendisine ait hakları kullanmasını "
                    "sağlayan bir belgedir. Konsolosluklar sessiz kaldığında ve belgeler yenilenemediğinde "
                    "insanlar iki ülke arasında sıkışıp kalıyor.</p>"
                ),
                Heading("HHD ne yapacak"),
                Paragraph(
                    "<p>HHD bu hakka ne ölçüde uyulduğunu izlemeyi sürdürecek ve bize başvuran insanların "
                    "durumlarını, onların izniyle, kamuoyuyla paylaşacak. Bu sorun sizi de ilgilendiriyorsa "
                    f"bize yazın: {MAIL_LINK}.</p>"
                ),
            ),
        ),
        "en": ArticleText(
            title="Turkmen citizens should have the right to freedom of movement",
            slug="freedom-of-movement",
            summary=(
                "Being free to leave your own country and to return to it is a basic human right. For many "
                "Turkmen citizens abroad, that right exists only on paper."
            ),
            body=(
                Paragraph(
                    "<p>The right to leave any country, including one's own, and to return to one's own "
                    "country is recognised in international human-rights law. Human-rights defenders insist "
                    "that citizens of Turkmenistan must be able to use it too; the Turkmen Helsinki "
                    "Foundation for Human Rights has drawn attention to the issue as well.</p>"
                ),
                Paragraph(
                    "<p>For Turkmen migrants in Türkiye, freedom of movement depends on a valid passport. "
                    "Hundreds of thousands cannot exchange theirs, and so cannot obtain a residence permit "
                    "either. They cannot settle lawfully where they live, cannot travel safely, and live "
                    "with the risk of spending months in a deportation centre.</p>"
                ),
                Paragraph(
                    "<p>A passport is not a favour granted by the state; it is the document through which "
                    "citizens use the rights that belong to them. When consulates stay silent and papers "
                    "cannot be renewed, people are trapped between two countries.</p>"
                ),
                Heading("What HHD will do"),
                Paragraph(
                    "<p>HHD will keep monitoring how this right is respected and, with their consent, will "
                    "report on the situations of people who contact us. If this problem affects you too, "
                    f"write to us: {MAIL_LINK}.</p>"
                ),
            ),
        ),
    },
)


DEPORTATION_CENTRES_ARTICLE = NewsArticle(
    date=datetime.date(2025, 6, 16),
    illustration="waiting",
    topics=("deportation", "residence-permits", "passports"),
    source="hhd",
    texts={
        "tk": ArticleText(
            title="Deportasiýa merkezleri: türkmen raýatlary nämä duçar bolýarlar",
            slug="deportasiya-merkezleri",
            summary=(
                "Ýüzlerçe türkmen raýaty Türkiýedäki deportasiýa merkezlerinde aýlap saklanýar we şol "
                "döwürde işini hem ýaşaýan jaýyny ýitirýär. Konsullyklar bolsa jogap bermeýär."
            ),
            body=(
                Paragraph(
                    "<p>Türkiýede ýüzmüňlerçe türkmen raýaty pasportyny çalşyp ýa-da ýaşaýyş rugsadyny alyp "
                    "bilmeýär. Bu resminamalar bolmasa, olar kanuny esasda işlemek, bejergi we bilim almak "
                    "mümkinçiliginden mahrum bolýarlar. Şonuň netijesinde ýüzlerçe türkmen deportasiýa "
                    "merkezlerine düşýär.</p>"
                ),
                Heading("Aýlarboýy garaşmak"),
                Paragraph(
                    "<p>Adamlar bu merkezlerde köp aýlap saklanýarlar. Şol döwürde olar işini hem ýaşaýan "
                    "jaýyny ýitirýärler.</p>"
                ),
                Paragraph(
                    "<p>Merkezleriň işgärleriniň aýtmagyna görä, olar Türkmenistanyň konsullyklaryna jaň "
                    "edýärler, emma konsullyklar jaňlara jogap bermeýär ýa-da asla hiç hili çäre "
                    "görmeýär.</p>"
                ),
                Heading("HHD näme edýär"),
                Paragraph(
                    "<p>Daşary ýurtdaky watandaşlarynyň kynçylyklaryna şeýle biperwaý garalmagy türkmen "
                    "migrantlaryny birleşip, HHD-ni döretmäge mejbur etdi. Biz bize ýazýan adamlar bilen "
                    "aragatnaşykda bolýarys we ýerli aklawçylar hem-de hukuk goraýjylar bilen hyzmatdaşlyk "
                    "etmäge taýýardyrys. Eger siz ýa-da ýakyn adamyňyz deportasiýa merkezinde saklanýan "
                    f"bolsa, bize ýazyň: {MAIL_LINK}.</p>"
                ),
            ),
        ),
        "ru": ArticleText(
            title="Депортационные центры: с чем сталкиваются граждане Туркменистана",
            slug="deportatsionnye-tsentry",
            summary=(
                "Сотни граждан Туркменистана месяцами находятся в депортационных центрах Турции и за это "
                "время теряют работу и жильё. Консульства не отвечают."
            ),
            body=(
                Paragraph(
                    "<p>Сотни тысяч граждан Туркменистана в Турции не могут обменять паспорт или получить "
                    "вид на жительство. Без этих документов они лишены возможности легально работать, "
                    "лечиться и учиться. Из-за этого сотни туркмен попадают в депортационные центры.</p>"
                ),
                Heading("Месяцы ожидания"),
                Paragraph(
                    "<p>В центрах люди проводят многие месяцы. За это время они теряют работу и жильё.</p>"
                ),
                Paragraph(
                    "<p>По словам сотрудников центров, они звонят в консульства Туркменистана, но там не "
                    "отвечают на звонки или вовсе никак не реагируют.</p>"
                ),
                Heading("Что делает HHD"),
                Paragraph(
                    "<p>Именно безразличие к проблемам соотечественников за рубежом заставило туркменских "
                    "мигрантов объединиться и создать HHD. Мы поддерживаем связь с теми, кто нам пишет, и "
                    "готовы сотрудничать с местными юристами и правозащитниками. Если вы или ваш близкий "
                    f"человек оказались в депортационном центре, напишите нам: {MAIL_LINK}.</p>"
                ),
            ),
        ),
        "tr": ArticleText(
            title="Geri gönderme merkezleri: Türkmenistan vatandaşları neyle karşı karşıya?",
            slug="geri-gonderme-merkezleri",
            summary=(
                "Yüzlerce Türkmenistan vatandaşı Türkiye'deki geri gönderme merkezlerinde aylarca kalıyor "
                "ve bu sürede işini ve evini kaybediyor. Konsolosluklar ise cevap vermiyor."
            ),
            body=(
                Paragraph(
                    "<p>Türkiye'de yüz binlerce Türkmenistan vatandaşı pasaportunu yenileyemiyor ya da "
                    "ikamet izni alamıyor. Bu belgeler olmadan yasal olarak çalışamıyor, tedavi göremiyor ve "
                    "eğitim alamıyorlar. Bu yüzden yüzlerce Türkmen geri gönderme merkezlerine düşüyor.</p>"
                ),
                Heading("Aylarca süren bekleyiş"),
                Paragraph(
                    "<p>İnsanlar bu merkezlerde aylarca kalıyor. Bu süre içinde işlerini ve barınacak "
                    "yerlerini kaybediyorlar.</p>"
                ),
                Paragraph(
                    "<p>Merkez çalışanlarının anlattığına göre Türkmenistan konsolosluklarını arıyorlar, "
                    "ancak konsolosluklar ya telefonlara cevap vermiyor ya da hiçbir tepki göstermiyor.</p>"
                ),
                Heading("HHD ne yapıyor"),
                Paragraph(
                    "<p>Yurt dışındaki vatandaşların sorunlarına karşı bu ilgisizlik, Türkmen göçmenleri bir "
                    "araya gelip HHD'yi kurmaya zorladı. Bize yazan insanlarla iletişimde kalıyoruz ve yerel "
                    "avukatlar ve insan hakları savunucularıyla iş birliği yapmaya hazırız. Siz ya da bir "
                    f"yakınınız geri gönderme merkezinde tutuluyorsa bize yazın: {MAIL_LINK}.</p>"
                ),
            ),
        ),
        "en": ArticleText(
            title="Deportation centres: what Turkmen citizens face",
            slug="deportation-centres",
            summary=(
                "Hundreds of Turkmen citizens spend months in deportation centres in Türkiye, losing their "
                "jobs and homes in the meantime. The consulates do not answer."
            ),
            body=(
                Paragraph(
                    "<p>Hundreds of thousands of Turkmen citizens in Türkiye cannot exchange their passports "
                    "or obtain a residence permit. Without these papers they are cut off from legal work, "
                    "medical care and education. Because of this, hundreds of Turkmens end up in "
                    "deportation centres.</p>"
                ),
                Heading("Months of waiting"),
                Paragraph(
                    "<p>People are held in these centres for many months. In that time they lose their jobs "
                    "and their housing.</p>"
                ),
                Paragraph(
                    "<p>Staff at the centres say that they phone Turkmenistan's consulates, but the "
                    "consulates either do not answer the calls or do not react at all.</p>"
                ),
                Heading("What HHD does"),
                Paragraph(
                    "<p>This indifference to the problems of compatriots abroad is what made Turkmen "
                    "migrants join forces and found HHD. We keep in touch with the people who write to us "
                    "and are ready to work with local lawyers and human-rights defenders. If you or someone "
                    f"close to you is held in a deportation centre, write to us: {MAIL_LINK}.</p>"
                ),
            ),
        ),
    },
)


def _channels(email_label):
    """The organisation's channels as a rich-text list, with the e-mail line's label in one language."""
    return (
        f"<ul><li>{email_label}: {MAIL_LINK}</li><li>YouTube: {YOUTUBE_HANDLE}</li>"
        f"<li>TikTok: {TIKTOK_HANDLE}</li></ul>"
    )


HOW_TO_REACH_US_ARTICLE = NewsArticle(
    date=datetime.date(2025, 7, 7),
    illustration="messages",
    topics=("passports", "residence-permits", "deportation"),
    source="hhd",
    texts={
        "tk": ArticleText(
            title="HHD her gün türkmen migrantlaryndan hat alýar: biziň bilen nädip habarlaşmaly",
            slug="hhd-bilen-habarlasmak",
            summary=(
                "Türkmen raýatlary Hak Hukuga Daýanç guramasyna her gün ýazýarlar, biz hem olar bilen "
                "aragatnaşykda bolýarys. Biziň bilen e-poçta, YouTube ýa-da TikTok arkaly habarlaşyp "
                "bilersiňiz."
            ),
            body=(
                Paragraph(
                    "<p>Hak Hukuga Daýanç (HHD) her gün türkmen raýatlaryndan hat alýar we bize ýazýan "
                    "adamlar bilen aragatnaşyk saklaýar. Käbir maglumatlara görä, Türkiýede ýarym "
                    "milliondan gowrak türkmen raýaty ýaşaýar we olaryň köpüsiniň ýagdaýy umytsyz: "
                    "ýüzmüňlerçe adam pasportyny çalşyp ýa-da ýaşaýyş rugsadyny alyp bilmeýär.</p>"
                ),
                Heading("Biziň bilen nädip habarlaşmaly"),
                Paragraph(_channels("E-poçta")),
                Paragraph(
                    "<p>Eger pasportyňyzy çalşyp ýa-da ýaşaýyş rugsadyny alyp bilmeýän bolsaňyz ýa-da ýakyn "
                    "adamyňyz deportasiýa merkezinde saklanýan bolsa, bize ýazyň. Ýagdaýy bilelikdäki "
                    "tagallalar bilen gowulandyrmak üçin ýerli aklawçylar we hukuk goraýjylar bilen "
                    "hyzmatdaşlyk etmäge taýýardyrys.</p>"
                ),
                Paragraph(
                    "<p>HHD-niň döredilendigi barada habar beren Türkmen Helsinki adam hukuklary fondy "
                    "daşary ýurtlardaky, esasan hem watandaşlarymyzyň iň köp ýaşaýan ýurdy bolan "
                    "Türkiýedäki türkmenleriň öz hukuklarynyň goralmagyna, işde, okuwda, jemgyýetde we öýde "
                    "her gün ýüzbe-ýüz bolýan meseleleriniň gözegçilikde saklanmagyna we jemgyýetçilige "
                    "ýetirilmegine örän mätäçdigini belleýär.</p>"
                ),
                Quote(
                    "Ýaşlaryň öz hukuklaryny goramagy, biri-birine kömek etmegi we öz hukuklary ugrunda "
                    "bilelikde göreşmegi öwrenmäge çalyşýandyklary begendirýär.",
                    "Täjigül Begmedowa, Türkmen Helsinki adam hukuklary fondunyň başlygy",
                ),
            ),
        ),
        "ru": ArticleText(
            title="HHD каждый день получает сообщения от туркменских мигрантов: как с нами связаться",
            slug="kak-svyazatsya-s-hhd",
            summary=(
                "Граждане Туркменистана пишут в «Hak Hukuga Daýanç» каждый день, и мы поддерживаем с ними "
                "связь. Связаться с нами можно по электронной почте, через YouTube и TikTok."
            ),
            body=(
                Paragraph(
                    "<p>Каждый день «Hak Hukuga Daýanç» (HHD) получает сообщения от граждан Туркменистана и "
                    "поддерживает связь с теми, кто пишет. По некоторым данным, в Турции живут более "
                    "полумиллиона граждан Туркменистана, и многие из них в отчаянном положении: сотни тысяч "
                    "не могут обменять паспорт или получить вид на жительство.</p>"
                ),
                Heading("Как с нами связаться"),
                Paragraph(_channels("Электронная почта")),
                Paragraph(
                    "<p>Напишите нам, если вы не можете обменять паспорт или получить вид на жительство или "
                    "если ваш близкий человек находится в депортационном центре. Мы готовы сотрудничать с "
                    "местными юристами и правозащитниками, чтобы общими усилиями улучшить положение.</p>"
                ),
                Paragraph(
                    "<p>Туркменский Хельсинкский фонд по правам человека, рассказавший о создании HHD, "
                    "подчёркивает: туркмены за рубежом, особенно в Турции, где их больше всего, остро "
                    "нуждаются в защите своих прав, в мониторинге и в публичном освещении проблем, с "
                    "которыми они каждый день сталкиваются на работе, в учёбе, в обществе и дома.</p>"
                ),
                Quote(
                    "Отрадно, что молодые люди стараются научиться защищать свои права, помогать друг другу "
                    "и вместе бороться за свои права.",
                    "Таджигуль Бегмедова, председатель Туркменского Хельсинкского фонда по правам человека",
                ),
            ),
        ),
        "tr": ArticleText(
            title="HHD'ye her gün Türkmen göçmenlerden mesaj geliyor: Bize nasıl ulaşabilirsiniz",
            slug="hhdye-nasil-ulasilir",
            summary=(
                "Türkmenistan vatandaşları Hak Hukuga Daýanç'a her gün yazıyor, biz de onlarla iletişimi "
                "sürdürüyoruz. Bize e-posta, YouTube ve TikTok üzerinden ulaşabilirsiniz."
            ),
            body=(
                Paragraph(
                    "<p>Hak Hukuga Daýanç (HHD) her gün Türkmenistan vatandaşlarından mesaj alıyor ve yazan "
                    "kişilerle iletişimi sürdürüyor. Bazı verilere göre Türkiye'de yarım milyondan fazla "
                    "Türkmenistan vatandaşı yaşıyor ve bunların birçoğu çaresiz durumda: yüz binlerce kişi "
                    "pasaportunu yenileyemiyor ya da ikamet izni alamıyor.</p>"
                ),
                Heading("Bize nasıl ulaşabilirsiniz"),
                Paragraph(_channels("E-posta")),
                Paragraph(
                    "<p>Pasaportunuzu yenileyemiyor ya da ikamet izni alamıyorsanız veya bir yakınınız geri "
                    "gönderme merkezinde tutuluyorsa bize yazın. Durumu ortak çabayla iyileştirmek için "
                    "yerel avukatlar ve insan hakları savunucularıyla iş birliği yapmaya hazırız.</p>"
                ),
                Paragraph(
                    "<p>HHD'nin kuruluşunu duyuran Türkmen Helsinki İnsan Hakları Vakfı, yurt dışındaki "
                    "Türkmenlerin, özellikle de en çok Türkmenistan vatandaşının yaşadığı Türkiye'dekilerin, "
                    "haklarının korunmasına, işte, okulda, toplumda ve evde her gün karşılaştıkları "
                    "sorunların izlenmesine ve kamuoyuna duyurulmasına büyük ihtiyaç duyduğunu "
                    "vurguluyor.</p>"
                ),
                Quote(
                    "Gençlerin haklarını korumayı, birbirlerine yardım etmeyi ve hakları için birlikte "
                    "mücadele etmeyi öğrenmeye çalışması sevindirici.",
                    "Tacigül Begmedova, Türkmen Helsinki İnsan Hakları Vakfı Başkanı",
                ),
            ),
        ),
        "en": ArticleText(
            title="HHD hears from Turkmen migrants every day: how to reach us",
            slug="how-to-reach-hhd",
            summary=(
                "Turkmen citizens write to Hak Hukuga Daýanç every day, and we keep in touch with them. You "
                "can reach us by e-mail, on YouTube and on TikTok."
            ),
            body=(
                Paragraph(
                    "<p>Every day Hak Hukuga Daýanç (HHD) receives messages from Turkmen citizens and keeps "
                    "in touch with the people who write. By some estimates more than half a million Turkmen "
                    "citizens live in Türkiye, and many of them are in a desperate situation: hundreds of "
                    "thousands cannot exchange their passports or obtain a residence permit.</p>"
                ),
                Heading("How to reach us"),
                Paragraph(_channels("E-mail")),
                Paragraph(
                    "<p>Write to us if you cannot exchange your passport or get a residence permit, or if "
                    "someone close to you is held in a deportation centre. We are ready to work with local "
                    "lawyers and human-rights defenders to improve the situation through joint effort.</p>"
                ),
                Paragraph(
                    "<p>The Turkmen Helsinki Foundation for Human Rights, which reported on HHD's founding, "
                    "stresses that Turkmens abroad, above all in Türkiye, where the largest number of them "
                    "live, are in dire need of protection of their rights, of monitoring, and of public "
                    "attention to the problems they face every day at work, in their studies, in society "
                    "and at home.</p>"
                ),
                Quote(
                    "It is gratifying that young people are trying to learn how to protect their rights, "
                    "help each other and fight for their rights together.",
                    "Tajigul Begmedova, Chair of the Turkmen Helsinki Foundation for Human Rights",
                ),
            ),
        ),
    },
)

# Oldest first, as the command creates them.
NEWS_ARTICLES = (
    FOUNDING_ARTICLE,
    FREEDOM_OF_MOVEMENT_ARTICLE,
    DEPORTATION_CENTRES_ARTICLE,
    HOW_TO_REACH_US_ARTICLE,
)
STATEMENTS = (PASSPORT_AMNESTY_STATEMENT,)

# Shown at the top of every home page, in the page's language.
FEATURED = PASSPORT_AMNESTY_STATEMENT
