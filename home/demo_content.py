"""The demo pages of the site in Turkmen, Russian, Turkish and English, and its illustrations.

The ``seed_demo`` management command builds pages, snippets and images from what
is defined here and in ``news.demo_content`` (topics, news articles, statements).
The facts come from the article that announced HHD's founding (published by the
Turkmenistan Helsinki Foundation for Human Rights); the texts are written anew in
each language. Nothing here may name a person, a number or a quotation that the
article does not contain.

Page bodies are described with the small block descriptions below (``Heading``,
``Paragraph``...), so that this module stays plain data: the command turns them
into StreamField blocks and resolves the pages and images they refer to.
"""

import io
import math
import random
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

LANGUAGE_CODES = ("tk", "ru", "tr", "en")

ORGANISATION_NAME = "Hak Hukuga Daýanç"
EMAIL = "hakhukugadayanc@gmail.com"
YOUTUBE_HANDLE = "@hakhukugadayanc7641"
TIKTOK_HANDLE = "@hakhukugadayanc"

# The e-mail address as a rich-text link, for the bodies of pages and articles.
MAIL_LINK = f'<a href="mailto:{EMAIL}">{EMAIL}</a>'


# --- Block descriptions --------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A section heading of a page body."""

    text: str
    level: str = "h2"


@dataclass(frozen=True)
class Paragraph:
    """A rich-text paragraph, as the HTML that Wagtail's rich text stores."""

    html: str


@dataclass(frozen=True)
class Quote:
    """A quotation and who said it."""

    text: str
    attribution: str


@dataclass(frozen=True)
class Figure:
    """One of the ``ILLUSTRATIONS`` with a caption; its alt text comes from the illustration."""

    illustration: str
    caption: str


@dataclass(frozen=True)
class CallToAction:
    """A button to another page of the same language: ``"home"``, ``"about"``, ``"news"`` or ``"privacy"``."""

    label: str
    target: str


# --- Pages ---------------------------------------------------------------------


@dataclass(frozen=True)
class PageText:
    """The title, slug, intro and body of one page in one language."""

    title: str
    slug: str
    intro: str
    body: tuple = ()


@dataclass(frozen=True)
class OrganisationText:
    """The translated parts of the organisation's details."""

    tagline: str
    address: str


ORGANISATION = {
    "tk": OrganisationText(tagline="Hukuklara we kanuna daýanç", address="Stambul, Türkiýe"),
    "ru": OrganisationText(tagline="Опора на права и закон", address="Стамбул, Турция"),
    "tr": OrganisationText(tagline="Hak ve hukuka dayanak", address="İstanbul, Türkiye"),
    "en": OrganisationText(tagline="Reliance on Rights and Law", address="Istanbul, Türkiye"),
}


HOME_PAGE = {
    "tk": PageText(
        title="Türkmen raýatlarynyň hukuklaryny goraýarys",
        slug="home",
        intro=(
            "Hak Hukuga Daýanç (HHD) Stambulda türkmen migrantlarynyň esaslandyran adam hukuklaryny "
            "goraýjy guramasydyr. Biz Türkiýedäki we Türkmenistandaky türkmen raýatlarynyň hukuklarynyň "
            "berjaý edilişine gözegçilik edýäris we yzarlanýan adamlara öz hukuklaryny goramaga kömek "
            "edýäris."
        ),
        body=(
            Heading("Biziň işimiz"),
            Paragraph(
                "<p>Türkmen raýatlary bize her gün ýazýarlar: çalşyp bolmaýan pasportlar, alyp bolmaýan "
                "ýaşaýyş rugsatlary, deportasiýa merkezlerinde geçen aýlar barada. Biz olara jogap berýäris, "
                "olar bilen aragatnaşykda bolýarys we Türkiýedäki aklawçylar hem-de hukuk goraýjylar bilen "
                "bilelikde çykalga gözleýäris. Şeýle hem bu meseleleri jemgyýetçiligiň dykgatyna "
                "ýetirýäris.</p>"
            ),
            Paragraph(f"<p>Bize ýazyň: {MAIL_LINK}.</p>"),
            CallToAction("HHD barada okaň", "about"),
            CallToAction("Habarlary okaň", "news"),
        ),
    ),
    "ru": PageText(
        title="Защищаем права граждан Туркменистана",
        slug="home",
        intro=(
            "«Hak Hukuga Daýanç» (HHD) — правозащитная организация, которую основали туркменские мигранты "
            "в Стамбуле. Мы следим за соблюдением прав граждан Туркменистана в Турции и в самом "
            "Туркменистане и помогаем тем, кого преследуют, отстаивать свои права."
        ),
        body=(
            Heading("Чем мы занимаемся"),
            Paragraph(
                "<p>Граждане Туркменистана пишут нам каждый день: о паспортах, которые невозможно обменять, "
                "о виде на жительство, который не удаётся получить, о месяцах, проведённых в "
                "депортационных центрах. Мы отвечаем, поддерживаем связь и вместе с юристами и "
                "правозащитниками в Турции ищем выход. Мы также привлекаем к этим проблемам внимание "
                "общества.</p>"
            ),
            Paragraph(f"<p>Напишите нам: {MAIL_LINK}.</p>"),
            CallToAction("Подробнее о нас", "about"),
            CallToAction("Читать новости", "news"),
        ),
    ),
    "tr": PageText(
        title="Türkmenistan vatandaşlarının haklarını savunuyoruz",
        slug="home",
        intro=(
            "Hak Hukuga Daýanç (HHD), İstanbul'da Türkmen göçmenlerin kurduğu bir insan hakları "
            "kuruluşudur. Türkiye'de ve Türkmenistan'da Türkmenistan vatandaşlarının haklarına uyulup "
            "uyulmadığını izliyor, baskı gören insanların haklarını savunmalarına yardım ediyoruz."
        ),
        body=(
            Heading("Neler yapıyoruz"),
            Paragraph(
                "<p>Türkmenistan vatandaşları bize her gün yazıyor: yenilenemeyen pasaportlar, alınamayan "
                "ikamet izinleri, geri gönderme merkezlerinde geçen aylar hakkında. Onlara cevap veriyor, "
                "iletişimde kalıyor ve Türkiye'deki avukatlar ve insan hakları savunucularıyla birlikte "
                "çözüm arıyoruz. Bu sorunları kamuoyunun gündemine de taşıyoruz.</p>"
            ),
            Paragraph(f"<p>Bize yazın: {MAIL_LINK}.</p>"),
            CallToAction("HHD hakkında", "about"),
            CallToAction("Haberleri okuyun", "news"),
        ),
    ),
    "en": PageText(
        title="Standing up for the rights of Turkmen citizens",
        slug="home",
        intro=(
            "Hak Hukuga Daýanç (HHD) is a human-rights organisation founded in Istanbul by Turkmen "
            "migrants. We watch over the rights of Turkmen citizens in Türkiye and in Turkmenistan and "
            "help people who are persecuted to stand up for their rights."
        ),
        body=(
            Heading("What we do"),
            Paragraph(
                "<p>Turkmen citizens write to us every day: about passports that cannot be exchanged, "
                "residence permits they cannot obtain, months spent in deportation centres. We answer them, "
                "stay in touch, and look for a way out together with lawyers and human-rights defenders in "
                "Türkiye. We also bring these problems to public attention.</p>"
            ),
            Paragraph(f"<p>Write to us: {MAIL_LINK}.</p>"),
            CallToAction("About HHD", "about"),
            CallToAction("Read the news", "news"),
        ),
    ),
}


ABOUT_PAGE = {
    "tk": PageText(
        title="HHD barada",
        slug="about",
        intro="Biziň kimdigimiz, näme üçin birleşendigimiz we nähili işleýändigimiz barada.",
        body=(
            Heading("Biz kim"),
            Paragraph(
                "<p>Hak Hukuga Daýanç (HHD) Türkmenistandan gelen migrantlaryň Stambulda hasaba aldyran "
                "jemgyýetçilik guramasydyr. Guramanyň ýolbaşçysy edip Dursoltan Taganowa saýlandy.</p>"
            ),
            Figure("emblem", "HHD Stambulda işleýär."),
            Heading("Maksatlarymyz"),
            Paragraph(
                "<p>Biz türkmen raýatlarynyň Konstitusiýada berkidilen hukuklarynyň Türkiýede hem, "
                "Türkmenistanda hem berjaý edilişine gözegçilik edýäris. Türkmenistanyň awtoritar režimi "
                "tarapyndan yzarlanýan ýa-da hukuklary bozulan adamlaryň ýanynda durýarys we täze "
                "bozulmalaryň öňüni almaga çalyşýarys.</p>"
            ),
            Heading("Näme üçin HHD gerek boldy"),
            Paragraph(
                "<p>Türkiýede birnäçe türkmen birleşigi eýýäm bar, emma olaryň hiç biri adam hukuklary bilen "
                "meşgullanmaýar: Türkmenistandaky ýaly, olar diňe režimi wasp edýärler, baýramçylyk "
                "geçirýärler we hakykaty gizleýärler. Şol bir wagtyň özünde käbir maglumatlara görä, "
                "Türkiýede ýarym milliondan gowrak türkmen raýaty ýaşaýar we olaryň köpüsiniň ýagdaýy "
                "umytsyz.</p>"
            ),
            Paragraph(
                "<p>Ýüzmüňlerçe adam pasportyny çalşyp ýa-da ýaşaýyş rugsadyny alyp bilmeýär. Bu "
                "resminamalar bolmasa, olar kanuny esasda işläp, bejergi alyp ýa-da okap bilmeýärler, "
                "çagalary bolsa çagalar bagyna gidip bilmeýär. Ýüzlerçe türkmen deportasiýa merkezlerinde "
                "aýlap saklanýar we şol döwürde işini hem ýaşaýan jaýyny ýitirýär. Merkezleriň "
                "işgärleriniň aýtmagyna görä, olar konsullyklara jaň edýärler, emma konsullyklar jogap "
                "bermeýär ýa-da hiç hili çäre görmeýär.</p>"
            ),
            Quote(
                "Her gün türkmenlerden hat alýarys we olar bilen aragatnaşygy saklaýarys.",
                "Dursoltan Taganowa, HHD-niň ýolbaşçysy",
            ),
            Heading("Nähili işleýäris"),
            Paragraph(
                "<p>Bize ýüzlenýänlere jogap berýäris we olar bilen aragatnaşykda bolýarys. Ýagdaýy "
                "bilelikdäki tagallalar bilen gowulandyrmak üçin ýerli aklawçylar we hukuk goraýjylar bilen "
                "hyzmatdaşlyk etmäge taýýardyrys.</p>"
            ),
            Paragraph(
                f"<p>Biziň bilen habarlaşmak üçin {MAIL_LINK} salgysyna ýazyň. Bizi YouTube-da "
                f"({YOUTUBE_HANDLE}) we TikTok-da ({TIKTOK_HANDLE}) hem tapyp bilersiňiz.</p>"
            ),
            CallToAction("Habarlarymyzy okaň", "news"),
        ),
    ),
    "ru": PageText(
        title="О нас",
        slug="about",
        intro="Кто мы, почему объединились и как работаем.",
        body=(
            Heading("Кто мы"),
            Paragraph(
                "<p>«Hak Hukuga Daýanç» («Опора на права и закон») — неправительственная организация, "
                "которую зарегистрировали в Стамбуле мигранты из Туркменистана. Руководителем "
                "организации избрана Дурсолтан Таганова.</p>"
            ),
            Figure("emblem", "HHD работает в Стамбуле."),
            Heading("Наши цели"),
            Paragraph(
                "<p>Мы следим за тем, соблюдаются ли конституционные права граждан Туркменистана — "
                "в Турции и в Туркменистане. Мы встаём на защиту тех, кого преследует авторитарный режим "
                "Туркменистана или чьи права нарушены, и стараемся не допустить новых нарушений.</p>"
            ),
            Heading("Зачем понадобилась HHD"),
            Paragraph(
                "<p>В Турции уже есть несколько туркменских объединений, но ни одно из них не занимается "
                "правами человека: как и в Туркменистане, они лишь прославляют режим, устраивают праздники "
                "и скрывают правду. Между тем, по некоторым данным, в Турции живут более полумиллиона "
                "граждан Туркменистана, и многие из них оказались в отчаянном положении.</p>"
            ),
            Paragraph(
                "<p>Сотни тысяч человек не могут обменять паспорт или получить вид на жительство. Без этих "
                "документов они не могут легально работать, лечиться и учиться, а их дети — ходить в "
                "детский сад. Сотни туркмен месяцами находятся в депортационных центрах и за это время "
                "теряют работу и жильё. По словам сотрудников центров, они звонят в консульства, но там "
                "не отвечают или вовсе ничего не предпринимают.</p>"
            ),
            Quote(
                "Каждый день мы получаем сообщения от туркмен и поддерживаем с ними связь.",
                "Дурсолтан Таганова, руководитель HHD",
            ),
            Heading("Как мы работаем"),
            Paragraph(
                "<p>Мы отвечаем тем, кто к нам обращается, и поддерживаем с ними связь. Мы готовы "
                "сотрудничать с местными юристами и правозащитниками, чтобы общими усилиями изменить "
                "положение к лучшему.</p>"
            ),
            Paragraph(
                f"<p>Связаться с нами можно по адресу {MAIL_LINK}. Мы также есть на YouTube "
                f"({YOUTUBE_HANDLE}) и в TikTok ({TIKTOK_HANDLE}).</p>"
            ),
            CallToAction("Читать наши новости", "news"),
        ),
    ),
    "tr": PageText(
        title="HHD hakkında",
        slug="about",
        intro="Kim olduğumuz, neden bir araya geldiğimiz ve nasıl çalıştığımız.",
        body=(
            Heading("Biz kimiz"),
            Paragraph(
                "<p>Hak Hukuga Daýanç (“Hak ve hukuka dayanak”), Türkmenistanlı göçmenlerin İstanbul'da "
                "tescil ettirdiği bir sivil toplum kuruluşudur. Kuruluşun başkanlığına Dursoltan Taganova "
                "seçildi.</p>"
            ),
            Figure("emblem", "HHD İstanbul'da faaliyet gösteriyor."),
            Heading("Amaçlarımız"),
            Paragraph(
                "<p>Türkmenistan vatandaşlarının anayasal haklarına Türkiye'de ve Türkmenistan'da uyulup "
                "uyulmadığını izliyoruz. Türkmenistan'daki otoriter rejimin baskısına uğrayan ya da hakları "
                "ihlal edilen insanların yanında duruyor, yeni ihlallerin önüne geçmeye çalışıyoruz.</p>"
            ),
            Heading("HHD neden gerekliydi"),
            Paragraph(
                "<p>Türkiye'de zaten birkaç Türkmen derneği var, ancak bunların hiçbiri insan haklarıyla "
                "ilgilenmiyor: tıpkı Türkmenistan'dakiler gibi yalnızca rejimi övüyor, kutlamalar "
                "düzenliyor ve gerçeği gizliyorlar. Oysa bazı verilere göre Türkiye'de yarım milyondan "
                "fazla Türkmenistan vatandaşı yaşıyor ve bunların birçoğu çaresiz durumda.</p>"
            ),
            Paragraph(
                "<p>Yüz binlerce kişi pasaportunu yenileyemiyor ya da ikamet izni alamıyor. Bu belgeler "
                "olmadan yasal olarak çalışamıyor, tedavi göremiyor, eğitim alamıyorlar; çocukları da kreşe "
                "gidemiyor. Yüzlerce Türkmen aylarca geri gönderme merkezlerinde kalıyor ve bu sürede işini "
                "ve evini kaybediyor. Merkez çalışanlarının anlattığına göre konsolosluklar aranıyor, fakat "
                "ya telefonlara cevap vermiyor ya da hiçbir şey yapmıyorlar.</p>"
            ),
            Quote(
                "Her gün Türkmenlerden mesajlar alıyor ve onlarla iletişimi sürdürüyoruz.",
                "Dursoltan Taganova, HHD başkanı",
            ),
            Heading("Nasıl çalışıyoruz"),
            Paragraph(
                "<p>Bize başvuranlara cevap veriyor ve onlarla iletişimde kalıyoruz. Durumu ortak çabayla "
                "iyileştirmek için yerel avukatlar ve insan hakları savunucularıyla iş birliği yapmaya "
                "hazırız.</p>"
            ),
            Paragraph(
                f"<p>Bize {MAIL_LINK} adresinden ulaşabilirsiniz. Bizi YouTube'da ({YOUTUBE_HANDLE}) ve "
                f"TikTok'ta ({TIKTOK_HANDLE}) da bulabilirsiniz.</p>"
            ),
            CallToAction("Haberlerimizi okuyun", "news"),
        ),
    ),
    "en": PageText(
        title="About HHD",
        slug="about",
        intro="Who we are, why we came together and how we work.",
        body=(
            Heading("Who we are"),
            Paragraph(
                "<p>Hak Hukuga Daýanç (“Reliance on Rights and Law”) is a non-governmental organisation "
                "registered in Istanbul by migrants from Turkmenistan. Dursoltan Taganova was elected as its "
                "head.</p>"
            ),
            Figure("emblem", "HHD is based in Istanbul."),
            Heading("Our goals"),
            Paragraph(
                "<p>We monitor whether the constitutional rights of Turkmen citizens are respected, both in "
                "Türkiye and in Turkmenistan. We stand by people who are persecuted by Turkmenistan's "
                "authoritarian regime or whose rights have been violated, and we work to prevent further "
                "violations.</p>"
            ),
            Heading("Why HHD was needed"),
            Paragraph(
                "<p>A few Turkmen associations already exist in Türkiye, but none of them works on human "
                "rights: just like the official bodies back home, they praise the regime, hold celebrations "
                "and keep the truth hidden. Meanwhile, according to some reports, more than half a million "
                "Turkmen citizens live in Türkiye, and many of them are in a desperate situation.</p>"
            ),
            Paragraph(
                "<p>Hundreds of thousands cannot exchange their passports or obtain a residence permit. "
                "Without these papers they cannot work legally, get medical treatment or study, and their "
                "children cannot go to kindergarten. Hundreds of Turkmens spend months in deportation "
                "centres, losing their jobs and homes in the meantime. Staff at the centres say they phone "
                "the consulates, which either do not answer or do nothing at all.</p>"
            ),
            Quote(
                "Every day we receive messages from Turkmens and keep in touch with them.",
                "Dursoltan Taganova, head of HHD",
            ),
            Heading("How we work"),
            Paragraph(
                "<p>We answer the people who turn to us and stay in touch with them. We are ready to work "
                "with local lawyers and human-rights defenders so that, by joining our efforts, we can "
                "change the situation for the better.</p>"
            ),
            Paragraph(
                f"<p>You can reach us at {MAIL_LINK}. You will also find us on YouTube ({YOUTUBE_HANDLE}) "
                f"and TikTok ({TIKTOK_HANDLE}).</p>"
            ),
            CallToAction("Read our news", "news"),
        ),
    ),
}


NEWS_INDEX_PAGE = {
    "tk": PageText(
        title="Habarlar",
        slug="news",
        intro=(
            "HHD-niň habarlary we Türkiýedäki hem-de Türkmenistandaky türkmen raýatlarynyň hukuklary barada."
        ),
    ),
    "ru": PageText(
        title="Новости",
        slug="news",
        intro="Новости HHD и материалы о правах граждан Туркменистана в Турции и в Туркменистане.",
    ),
    "tr": PageText(
        title="Haberler",
        slug="news",
        intro=(
            "HHD'den haberler; Türkiye'de ve Türkmenistan'da Türkmenistan vatandaşlarının haklarına dair "
            "yazılar."
        ),
    ),
    "en": PageText(
        title="News",
        slug="news",
        intro="News from HHD and on the rights of Turkmen citizens in Türkiye and Turkmenistan.",
    ),
}


PRIVACY_PAGE = {
    "tk": PageText(
        title="Gizlinlik syýasaty",
        slug="privacy",
        intro=(
            "Siz barada mümkin boldugyça az maglumat ýygnaýarys, saklaýan maglumatlarymyzy goraýarys "
            "we haýyşyňyz boýunça pozýarys."
        ),
        body=(
            Heading("Näme ýygnaýarys"),
            Paragraph(
                "<p>Bu saýty okamak üçin hasap açmagyň geregi ýok we biz saýta girýänler barada hiç hili "
                "profil düzmeýäris. Şahsy maglumatlary diňe özüňiz beren ýagdaýyňyzda alýarys, meselem, "
                "bize ýazanyňyzda ýa-da formalarymyzyň birini dolduranyňyzda: adatça adyňyzy ýa-da "
                "lakamyňyzy, siziň bilen habarlaşmagyň ýoluny (e-poçta salgysyny ýa-da telefon belgisini) "
                "we hatyňyzy. Diňe size jogap bermek ýa-da kömek etmek üçin hökman gerek bolan zatlary "
                "soraýarys.</p>"
            ),
            Heading("Näme üçin gerek"),
            Paragraph(
                "<p>Maglumatlaryňyzy diňe olary haýsy maksat bilen beren bolsaňyz, şol maksat üçin "
                "ulanýarys: size jogap bermek, işiňiz boýunça kömek etmek, ýüzlenmä goýan golyňyzy hasaba "
                "almak ýa-da ýazylan habarnamaňyzy ibermek üçin. Olary satmaýarys we siziň "
                "razylygyňyz bolmazdan hiç kime bermeýäris.</p>"
            ),
            Heading("Näçe wagt saklaýarys"),
            Paragraph(
                "<p>Diňe gerek bolýança. Tassyklanmadyk ýüzlenmeler awtomatik usulda pozulýar, tamamlanan "
                "kampaniýalardaky gollar belli bir möhletden soň anonimleşdirilýär, beýleki maglumatlar "
                "bolsa işiňiz tamamlanandan soň ýa-da siz haýyş edeniňizde pozulýar.</p>"
            ),
            Heading("Nähili goraýarys"),
            Paragraph(
                "<p>Atlar, e-poçta salgylary, telefon belgileri we hatlar şifrlenen görnüşde saklanýar. "
                "Kömek soraýan ýüzlenmeler diňe olar bilen işleýän işgärlerimiziň okap biljek görnüşinde "
                "şifrlenýär. Her bir ýazgyny diňe işi üçin gerek bolan adamlar görüp bilýär we her bir "
                "giriş hasaba alynýar.</p>"
            ),
            Heading("Yzarlaýjylar we üçünji taraplaryň skriptleri ýok"),
            Paragraph(
                "<p>Bu saýt hiç hili statistika, mahabat ýa-da yzarlaýyş gurallaryny ulanmaýar we başga "
                "kompaniýalardan skript ýa-da şrift ýüklemeýär. Wideolar siz olara basýançaňyz YouTube-dan "
                "ýüklenmeýär: brauzeriňiz YouTube bilen diňe şondan soň we gizlinligi güýçlendirilen "
                "tertipde birikýär.</p>"
            ),
            Heading("Maglumatlaryňyzy pozmak"),
            Paragraph(
                "<p>Islendik wagt siz barada haýsy maglumatlary saklaýandygymyzy sorap we olary pozmagy "
                f"haýyş edip bilersiňiz. Munuň üçin {MAIL_LINK} salgysyna ýazyň: maglumatlaryňyzy pozarys "
                "we bu barada size habar bereris.</p>"
            ),
        ),
    ),
    "ru": PageText(
        title="Политика конфиденциальности",
        slug="privacy",
        intro=(
            "Мы собираем о вас как можно меньше данных, защищаем то, что храним, и удаляем данные по "
            "вашей просьбе."
        ),
        body=(
            Heading("Что мы собираем"),
            Paragraph(
                "<p>Чтобы читать этот сайт, не нужна учётная запись, и мы не составляем профили "
                "посетителей. Персональные данные мы получаем, только если вы сами их передаёте, — "
                "например, когда пишете нам или заполняете одну из наших форм: обычно это имя или "
                "псевдоним, способ связи (адрес электронной почты или номер телефона) и ваше сообщение. "
                "Мы спрашиваем только то, без чего не сможем ответить вам или помочь.</p>"
            ),
            Heading("Зачем они нужны"),
            Paragraph(
                "<p>Мы используем ваши данные только для той цели, ради которой вы их передали: чтобы "
                "ответить, помочь в вашем деле, учесть вашу подпись под обращением или присылать рассылку, "
                "на которую вы подписались. Мы не продаём их и не передаём никому без вашего согласия.</p>"
            ),
            Heading("Как долго мы их храним"),
            Paragraph(
                "<p>Только пока они нужны. Неподтверждённые заявки удаляются автоматически, подписи в "
                "завершённых кампаниях через установленный срок обезличиваются, остальные данные "
                "удаляются, когда ваше дело закрыто или когда вы попросите об этом.</p>"
            ),
            Heading("Как мы их защищаем"),
            Paragraph(
                "<p>Имена, адреса электронной почты, номера телефонов и сообщения хранятся в "
                "зашифрованном виде. Просьбы о помощи шифруются так, что прочитать их могут только наши "
                "сотрудники, которые ведут дела. Каждую запись видят только те, кому она нужна для работы, "
                "и каждый доступ к ней фиксируется.</p>"
            ),
            Heading("Никаких трекеров и сторонних скриптов"),
            Paragraph(
                "<p>Сайт не использует инструменты аналитики, рекламы или слежки и не загружает скрипты и "
                "шрифты других компаний. Видео не загружаются с YouTube, пока вы не нажмёте на них; только "
                "тогда ваш браузер соединяется с YouTube — в режиме повышенной конфиденциальности.</p>"
            ),
            Heading("Удаление ваших данных"),
            Paragraph(
                "<p>Вы можете в любой момент узнать, какие данные о вас мы храним, и попросить их удалить. "
                f"Напишите нам на {MAIL_LINK}: мы удалим данные и сообщим вам об этом.</p>"
            ),
        ),
    ),
    "tr": PageText(
        title="Gizlilik politikası",
        slug="privacy",
        intro=(
            "Hakkınızda olabildiğince az veri topluyor, sakladığımız verileri koruyor ve isteğiniz üzerine "
            "siliyoruz."
        ),
        body=(
            Heading("Neleri topluyoruz"),
            Paragraph(
                "<p>Bu siteyi okumak için hesap açmanız gerekmez ve ziyaretçiler hakkında profil "
                "oluşturmayız. Kişisel verileri yalnızca siz kendiniz verdiğinizde alırız; örneğin bize "
                "yazdığınızda ya da formlarımızdan birini doldurduğunuzda: genellikle adınız veya takma "
                "adınız, size ulaşma yolu (e-posta adresi ya da telefon numarası) ve mesajınız. Yalnızca "
                "size cevap vermek ya da yardım etmek için gerçekten gerekli olanı isteriz.</p>"
            ),
            Heading("Neden gerekli"),
            Paragraph(
                "<p>Verilerinizi yalnızca onları verdiğiniz amaç için kullanırız: size cevap vermek, "
                "başvurunuzda yardımcı olmak, bir çağrıya attığınız imzayı saymak ya da abone olduğunuz "
                "bülteni göndermek için. Verilerinizi satmayız ve izniniz olmadan kimseyle "
                "paylaşmayız.</p>"
            ),
            Heading("Ne kadar süre saklıyoruz"),
            Paragraph(
                "<p>Yalnızca gerektiği sürece. Onaylanmayan başvurular otomatik olarak silinir, sona eren "
                "kampanyalardaki imzalar belirli bir süre sonra anonim hâle getirilir, diğer veriler ise "
                "işiniz sonuçlandığında ya da siz istediğinizde silinir.</p>"
            ),
            Heading("Verileri nasıl koruyoruz"),
            Paragraph(
                "<p>Adlar, e-posta adresleri, telefon numaraları ve mesajlar şifrelenmiş olarak saklanır. "
                "Yardım talepleri, yalnızca dosyaları takip eden çalışanlarımızın okuyabileceği şekilde "
                "şifrelenir. Her kaydı yalnızca işi için ona ihtiyacı olan kişiler görebilir ve her erişim "
                "kayıt altına alınır.</p>"
            ),
            Heading("İzleyici yok, üçüncü taraf betik yok"),
            Paragraph(
                "<p>Bu site hiçbir analiz, reklam ya da izleme aracı kullanmaz; başka şirketlerden betik "
                "veya yazı tipi yüklemez. Videolar siz üzerlerine tıklayana kadar YouTube'dan yüklenmez; "
                "tarayıcınız ancak o zaman, gizliliği artırılmış modda YouTube'a bağlanır.</p>"
            ),
            Heading("Verilerinizin silinmesi"),
            Paragraph(
                "<p>Hakkınızda hangi verileri sakladığımızı dilediğiniz zaman sorabilir ve silinmelerini "
                f"isteyebilirsiniz. {MAIL_LINK} adresine yazmanız yeterli: verilerinizi siler ve size haber "
                "veririz.</p>"
            ),
        ),
    ),
    "en": PageText(
        title="Privacy policy",
        slug="privacy",
        intro="We collect as little about you as we can, protect what we keep, and delete it when you ask.",
        body=(
            Heading("What we collect"),
            Paragraph(
                "<p>You need no account to read this website, and we build no profiles of our visitors. We "
                "only receive personal data when you give it to us yourself, for example when you write to "
                "us or fill in one of our forms: usually a name or nickname, a way to reach you (an e-mail "
                "address or a phone number) and your message. We ask only for what we need in order to "
                "answer you or to help you.</p>"
            ),
            Heading("Why we need it"),
            Paragraph(
                "<p>We use your details only for the purpose you gave them for: to reply to you, to help "
                "with your case, to count your signature on an appeal or to send you the newsletter you "
                "subscribed to. We do not sell them, and we pass them to no one without your consent.</p>"
            ),
            Heading("How long we keep it"),
            Paragraph(
                "<p>Only as long as it is needed. Requests that are never confirmed are deleted "
                "automatically, signatures on closed campaigns are anonymised after a set period, and other "
                "data is deleted once your matter is closed or when you ask us to.</p>"
            ),
            Heading("How we protect it"),
            Paragraph(
                "<p>Names, e-mail addresses, phone numbers and messages are stored encrypted. Requests for "
                "help are encrypted so that only the caseworkers who handle them can read them. Each record "
                "can be seen only by the people who need it for their work, and every access is "
                "logged.</p>"
            ),
            Heading("No trackers, no third-party scripts"),
            Paragraph(
                "<p>This site uses no analytics, advertising or tracking tools, and it loads no scripts or "
                "fonts from other companies. Videos are not loaded from YouTube until you click on them; "
                "only then does your browser connect to YouTube, in its privacy-enhanced mode.</p>"
            ),
            Heading("Deleting your data"),
            Paragraph(
                "<p>You can ask us at any time what we hold about you and ask us to delete it. Write to "
                f"{MAIL_LINK}: we will delete your data and let you know when it is done.</p>"
            ),
        ),
    ),
}


# --- Illustrations ---------------------------------------------------------------

ILLUSTRATION_SIZE = (1600, 900)


@dataclass(frozen=True)
class Illustration:
    """An abstract picture drawn with Pillow, stored as a Wagtail image found again by its title."""

    title: str
    filename: str
    motif: str  # the name of one of the drawing functions in _MOTIFS
    start_colour: tuple
    end_colour: tuple
    word: str
    alt_text: dict  # language code -> what the picture shows


ILLUSTRATIONS = {
    "emblem": Illustration(
        title="Demo illustration: HHD",
        filename="hhd-demo-emblem.jpg",
        motif="soft_circles",
        start_colour=(16, 37, 84),
        end_colour=(18, 112, 120),
        word="HHD",
        alt_text={
            "tk": "Abstrakt surat: goýy gök fonda gök-ýaşyl, ýaşyl we altyn reňkli uly ýumşak tegelekler "
            "hem-de HHD harplary.",
            "ru": "Абстрактная иллюстрация: крупные мягкие круги бирюзового, зелёного и золотого цвета на "
            "тёмно-синем фоне и буквы HHD.",
            "tr": "Soyut illüstrasyon: koyu mavi zemin üzerinde camgöbeği, yeşil ve altın renkli büyük, "
            "yumuşak daireler ve HHD harfleri.",
            "en": "Abstract illustration: large soft circles in teal, green and gold on a deep blue "
            "background, with the letters HHD.",
        },
    ),
    "founding": Illustration(
        title="Demo illustration: founding in Istanbul",
        filename="hhd-demo-founding.jpg",
        motif="gathering",
        start_colour=(74, 27, 71),
        end_colour=(232, 128, 62),
        word="HHD",
        alt_text={
            "tk": "Abstrakt surat: melewşe reňkden mämişi reňke geçýän ýyly fonda bir ýere jemlenen dürli "
            "ululykdaky köp tegelek hem-de HHD harplary.",
            "ru": "Абстрактная иллюстрация: множество кругов разного размера, собравшихся вместе, на тёплом "
            "фоне от сливового к оранжевому и буквы HHD.",
            "tr": "Soyut illüstrasyon: mürdüm renginden turuncuya geçen sıcak bir zeminde bir araya gelmiş, "
            "farklı boyutlarda çok sayıda daire ve HHD harfleri.",
            "en": "Abstract illustration: many circles of different sizes gathered together on a warm "
            "background that shades from plum to orange, with the letters HHD.",
        },
    ),
    "passport": Illustration(
        title="Demo illustration: passport amnesty",
        filename="hhd-demo-passport.jpg",
        motif="passport",
        start_colour=(22, 78, 99),
        end_colour=(96, 165, 150),
        word="Pasport",
        alt_text={
            "tk": "Abstrakt surat: asuda gök-ýaşyl fonda altyn nyşanly goýy ýaşyl pasport we «Pasport» sözi.",
            "ru": "Абстрактная иллюстрация: тёмно-зелёная паспортная книжка с золотой эмблемой и словом "
            "«Pasport» на спокойном сине-зелёном фоне.",
            "tr": "Soyut illüstrasyon: sakin mavi-yeşil bir zeminde altın amblemli koyu yeşil bir pasaport "
            "ve “Pasport” kelimesi.",
            "en": "Abstract illustration: a dark green passport booklet with a gold emblem and the word "
            "Pasport, on a calm blue-green background.",
        },
    ),
    "movement": Illustration(
        title="Demo illustration: freedom of movement",
        filename="hhd-demo-movement.jpg",
        motif="path",
        start_colour=(20, 33, 79),
        end_colour=(150, 190, 222),
        word="",
        alt_text={
            "tk": "Abstrakt surat: daň asmanynda çepden saga egrelip geçýän we ok bilen gutarýan nokatly "
            "ýol, açyk reňkli gün we birnäçe guş.",
            "ru": "Абстрактная иллюстрация: пунктирная дорожка, которая изгибается по рассветному небу слева "
            "направо и заканчивается стрелкой, бледное солнце и несколько птиц.",
            "tr": "Soyut illüstrasyon: şafak vakti gökyüzünde soldan sağa kıvrılarak ilerleyen ve bir okla "
            "biten noktalı bir yol, soluk bir güneş ve birkaç kuş.",
            "en": "Abstract illustration: a dotted path curving across a dawn sky from left to right and "
            "ending in an arrow, with a pale sun and a few birds.",
        },
    ),
    "waiting": Illustration(
        title="Demo illustration: months of waiting",
        filename="hhd-demo-waiting.jpg",
        motif="calendar",
        start_colour=(30, 41, 59),
        end_colour=(120, 140, 168),
        word="",
        alt_text={
            "tk": "Abstrakt surat: goýy çal-gök fonda kiçi inedördüllerden ybarat senenama, olaryň köpüsiniň "
            "üsti çyzylan.",
            "ru": "Абстрактная иллюстрация: календарная сетка из маленьких квадратов, большинство из которых "
            "зачёркнуты, на тёмном серо-синем фоне.",
            "tr": "Soyut illüstrasyon: koyu gri-mavi bir zemin üzerinde, çoğunun üstü çizilmiş küçük "
            "karelerden oluşan bir takvim.",
            "en": "Abstract illustration: a calendar grid of small squares, most of them crossed out, on a "
            "dark grey-blue background.",
        },
    ),
    "messages": Illustration(
        title="Demo illustration: messages to HHD",
        filename="hhd-demo-messages.jpg",
        motif="speech_bubbles",
        start_colour=(12, 74, 84),
        end_colour=(214, 178, 110),
        word="HHD",
        alt_text={
            "tk": "Abstrakt surat: goýy gök-ýaşyl reňkden çäge reňkine geçýän fonda dürli ululykdaky ak "
            "gepleşik bulutjyklary hem-de HHD harplary.",
            "ru": "Абстрактная иллюстрация: белые облачка сообщений разного размера на фоне, который "
            "переходит от тёмно-бирюзового к песочному, и буквы HHD.",
            "tr": "Soyut illüstrasyon: koyu camgöbeğinden kum rengine geçen bir zeminde farklı boyutlarda "
            "beyaz konuşma balonları ve HHD harfleri.",
            "en": "Abstract illustration: white speech bubbles of different sizes on a background that "
            "shades from dark teal to sand, with the letters HHD.",
        },
    ),
}


def render_illustration(illustration):
    """Draw the illustration and return it as JPEG bytes, the same bytes on every run."""
    width, height = ILLUSTRATION_SIZE
    canvas = _diagonal_gradient(width, height, illustration.start_colour, illustration.end_colour)
    rng = random.Random(illustration.filename)  # noqa: S311 -- decoration, not security
    canvas = _MOTIFS[illustration.motif](canvas, rng)
    if illustration.word and illustration.motif != "passport":
        canvas = _draw_word(canvas, illustration.word, (110, height - 330), size=220)
    buffer = io.BytesIO()
    canvas.convert("RGB").save(buffer, format="JPEG", quality=86, optimize=True, progressive=True)
    return buffer.getvalue()


def _diagonal_gradient(width, height, start, end):
    """A gradient from the top-left corner (start colour) to the bottom-right one (end colour)."""
    vertical = Image.linear_gradient("L").resize((width, height))
    horizontal = Image.linear_gradient("L").rotate(90).resize((width, height))
    mask = ImageChops.add(vertical, horizontal, scale=2.0)
    return ImageOps.colorize(mask, black=start, white=end).convert("RGBA")


def _layer(canvas):
    return Image.new("RGBA", canvas.size, (0, 0, 0, 0))


def _soft_circles(canvas, rng):
    """Three large blurred circles with a few thin rings on top: calm, like the home page."""
    glow = _layer(canvas)
    draw = ImageDraw.Draw(glow)
    for (x, y, radius), colour in zip(
        ((1150, 300, 330), (1380, 650, 250), (820, 620, 200)),
        ((34, 170, 160, 150), (238, 190, 80, 150), (110, 190, 110, 140)),
        strict=True,
    ):
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    canvas = Image.alpha_composite(canvas, glow.filter(ImageFilter.GaussianBlur(40)))
    rings = _layer(canvas)
    draw = ImageDraw.Draw(rings)
    for _ in range(5):
        x, y, radius = rng.randint(700, 1500), rng.randint(120, 780), rng.randint(30, 110)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=(255, 255, 255, 110), width=4)
    return Image.alpha_composite(canvas, rings)


def _gathering(canvas, rng):
    """Many overlapping circles drawn towards one point: people coming together."""
    layer = _layer(canvas)
    draw = ImageDraw.Draw(layer)
    palette = ((255, 214, 140), (255, 164, 112), (250, 120, 110), (255, 236, 200), (200, 110, 150))
    centre_x, centre_y = 1120, 430
    for _ in range(26):
        distance = abs(rng.gauss(0, 170))
        angle = rng.uniform(0, 2 * math.pi)
        x = centre_x + distance * math.cos(angle) * 1.4
        y = centre_y + distance * math.sin(angle)
        radius = rng.randint(28, 120)
        red, green, blue = rng.choice(palette)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius), fill=(red, green, blue, rng.randint(90, 170))
        )
    canvas = Image.alpha_composite(canvas, layer.filter(ImageFilter.GaussianBlur(2)))
    halo = _layer(canvas)
    ImageDraw.Draw(halo).ellipse((760, 120, 1480, 740), outline=(255, 240, 220, 90), width=6)
    return Image.alpha_composite(canvas, halo)


def _passport(canvas, rng):
    """A passport booklet with an emblem and the word "Pasport", over soft background circles."""
    background = _layer(canvas)
    draw = ImageDraw.Draw(background)
    for _ in range(6):
        x, y, radius = rng.randint(0, 1600), rng.randint(0, 900), rng.randint(80, 220)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, 40))
    canvas = Image.alpha_composite(canvas, background.filter(ImageFilter.GaussianBlur(30)))

    left, top, right, bottom = 880, 120, 1340, 780
    shadow = _layer(canvas)
    ImageDraw.Draw(shadow).rounded_rectangle(
        (left + 24, top + 28, right + 24, bottom + 28), 36, fill=(0, 0, 0, 110)
    )
    canvas = Image.alpha_composite(canvas, shadow.filter(ImageFilter.GaussianBlur(18)))

    booklet = _layer(canvas)
    draw = ImageDraw.Draw(booklet)
    gold = (226, 188, 96, 255)
    draw.rounded_rectangle((left, top, right, bottom), 36, fill=(18, 84, 58, 255))
    draw.rounded_rectangle(
        (left + 26, top + 26, right - 26, bottom - 26), 24, outline=(226, 188, 96, 150), width=3
    )
    centre_x, centre_y = (left + right) // 2, top + 250
    draw.ellipse((centre_x - 95, centre_y - 95, centre_x + 95, centre_y + 95), outline=gold, width=8)
    draw.ellipse((centre_x - 48, centre_y - 48, centre_x + 48, centre_y + 48), fill=gold)
    for offset in (0, 36):
        draw.line(
            (left + 110, bottom - 120 + offset, right - 110, bottom - 120 + offset),
            fill=(226, 188, 96, 140),
            width=4,
        )
    canvas = Image.alpha_composite(canvas, booklet)
    font = _font(64)
    text_width = font.getbbox("Pasport")[2]
    return _draw_word(canvas, "Pasport", (centre_x - text_width // 2, top + 400), size=64, colour=gold)


def _path(canvas, rng):
    """A dotted road curving from the lower left to an arrowhead on the right, under a pale sun."""
    sun = _layer(canvas)
    ImageDraw.Draw(sun).ellipse((1180, 90, 1420, 330), fill=(255, 236, 190, 200))
    canvas = Image.alpha_composite(canvas, sun.filter(ImageFilter.GaussianBlur(12)))

    start, control, end = (140, 760), (760, 860), (1400, 430)
    layer = _layer(canvas)
    draw = ImageDraw.Draw(layer)
    steps = 34
    for step in range(steps):
        t = step / steps
        x, y = _bezier_point(start, control, end, t)
        radius = 9 + 7 * t
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, 220))
    # The arrowhead points along the curve's direction at its end.
    direction_x, direction_y = end[0] - control[0], end[1] - control[1]
    length = math.hypot(direction_x, direction_y)
    unit_x, unit_y = direction_x / length, direction_y / length
    tip = (end[0] + unit_x * 95, end[1] + unit_y * 95)
    base_left = (end[0] - unit_y * 40, end[1] + unit_x * 40)
    base_right = (end[0] + unit_y * 40, end[1] - unit_x * 40)
    draw.polygon((tip, base_left, base_right), fill=(255, 255, 255, 235))
    for _ in range(4):
        x, y = rng.randint(200, 1100), rng.randint(100, 420)
        draw.arc((x, y, x + 60, y + 30), 200, 340, fill=(255, 255, 255, 160), width=4)
        draw.arc((x + 56, y, x + 116, y + 30), 200, 340, fill=(255, 255, 255, 160), width=4)
    return Image.alpha_composite(canvas, layer)


def _calendar(canvas, rng):
    """A calendar page of five weeks, most days crossed out: months spent waiting."""
    left, top, cell, gap = 760, 240, 88, 18
    layer = _layer(canvas)
    draw = ImageDraw.Draw(layer)
    draw.rounded_rectangle(
        (left - 40, top - 110, left + 7 * (cell + gap) + 22, top - 40), 18, fill=(226, 92, 80, 230)
    )
    crossed = 5 * 7 - rng.randint(4, 8)
    for index in range(5 * 7):
        row, column = divmod(index, 7)
        x = left + column * (cell + gap)
        y = top + row * (cell + gap)
        draw.rounded_rectangle(
            (x, y, x + cell, y + cell), 12, fill=(255, 255, 255, 60 if index < crossed else 150)
        )
        if index < crossed:
            draw.line((x + 18, y + cell - 18, x + cell - 18, y + 18), fill=(255, 255, 255, 210), width=7)
    return Image.alpha_composite(canvas, layer)


def _speech_bubbles(canvas, rng):
    """Speech bubbles of different sizes with lines of "text", drifting up to the right: messages."""
    layer = _layer(canvas)
    draw = ImageDraw.Draw(layer)
    bubbles = ((760, 520, 380, 170), (1010, 300, 430, 190), (1130, 600, 330, 140), (820, 120, 300, 120))
    for left, top, width, height in bubbles:
        right, bottom = left + width, top + height
        alpha = rng.randint(170, 235)
        draw.rounded_rectangle((left, top, right, bottom), 40, fill=(255, 255, 255, alpha))
        # The tail of the bubble, at its lower left.
        draw.polygon(
            ((left + 60, bottom - 2), (left + 120, bottom - 2), (left + 40, bottom + 55)),
            fill=(255, 255, 255, alpha),
        )
        lines = max(1, (height - 50) // 45)
        for line in range(lines):
            y = top + 40 + line * 45
            length = rng.randint(width // 2, width - 100)
            draw.rounded_rectangle((left + 40, y, left + 40 + length, y + 16), 8, fill=(12, 74, 84, 120))
    canvas = Image.alpha_composite(canvas, layer)
    glow = _layer(canvas)
    ImageDraw.Draw(glow).ellipse((1300, 40, 1560, 300), fill=(255, 236, 190, 110))
    return Image.alpha_composite(canvas, glow.filter(ImageFilter.GaussianBlur(30)))


def _bezier_point(start, control, end, t):
    """The point at ``t`` (0..1) on a quadratic Bézier curve."""
    x = (1 - t) ** 2 * start[0] + 2 * (1 - t) * t * control[0] + t**2 * end[0]
    y = (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * control[1] + t**2 * end[1]
    return x, y


def _font(size):
    # Pillow's bundled font: no font file of this machine or of a third party is needed.
    return ImageFont.load_default(size=size)


def _draw_word(canvas, word, position, size, colour=(255, 255, 255, 235)):
    layer = _layer(canvas)
    ImageDraw.Draw(layer).text(position, word, font=_font(size), fill=colour)
    return Image.alpha_composite(canvas, layer)


_MOTIFS = {
    "soft_circles": _soft_circles,
    "gathering": _gathering,
    "passport": _passport,
    "path": _path,
    "calendar": _calendar,
    "speech_bubbles": _speech_bubbles,
}
