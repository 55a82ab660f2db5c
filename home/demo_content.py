"""The demo content of the site in Turkmen, Russian, Turkish and English, and its illustrations.

The ``seed_demo`` management command builds pages, snippets and images from what
is defined here. The facts come from the article that announced HHD's founding
(published by the Turkmenistan Helsinki Foundation for Human Rights); the texts
are written anew in each language. Nothing here may name a person, a number or
a quotation that the article does not contain.

Page bodies are described with the small block descriptions below (``Heading``,
``Paragraph``...), so that this module stays plain data: the command turns them
into StreamField blocks and resolves the pages and images they refer to.
"""

import datetime
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

_MAIL_LINK = f'<a href="mailto:{EMAIL}">{EMAIL}</a>'


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
class ArticleText:
    """One news article in one language."""

    title: str
    slug: str
    summary: str
    body: tuple


@dataclass(frozen=True)
class NewsArticle:
    """A news article in every language, with its date and illustration."""

    date: datetime.date
    illustration: str
    texts: dict  # language code -> ArticleText


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
            Paragraph(f"<p>Bize ýazyň: {_MAIL_LINK}.</p>"),
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
            Paragraph(f"<p>Напишите нам: {_MAIL_LINK}.</p>"),
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
            Paragraph(f"<p>Bize yazın: {_MAIL_LINK}.</p>"),
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
            Paragraph(f"<p>Write to us: {_MAIL_LINK}.</p>"),
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
                f"<p>Biziň bilen habarlaşmak üçin {_MAIL_LINK} salgysyna ýazyň. Bizi YouTube-da "
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
                f"<p>Связаться с нами можно по адресу {_MAIL_LINK}. Мы также есть на YouTube "
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
                f"<p>Bize {_MAIL_LINK} adresinden ulaşabilirsiniz. Bizi YouTube'da ({YOUTUBE_HANDLE}) ve "
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
                f"<p>You can reach us at {_MAIL_LINK}. You will also find us on YouTube ({YOUTUBE_HANDLE}) "
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
                f"haýyş edip bilersiňiz. Munuň üçin {_MAIL_LINK} salgysyna ýazyň: maglumatlaryňyzy pozarys "
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
                f"Напишите нам на {_MAIL_LINK}: мы удалим данные и сообщим вам об этом.</p>"
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
                f"isteyebilirsiniz. {_MAIL_LINK} adresine yazmanız yeterli: verilerinizi siler ve size haber "
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
                f"{_MAIL_LINK}: we will delete your data and let you know when it is done.</p>"
            ),
        ),
    ),
}


# --- News ----------------------------------------------------------------------

_CHANNELS = f"YouTube — {YOUTUBE_HANDLE}, TikTok — {TIKTOK_HANDLE}"
_CONTACTS = {
    "tk": f"<p>Habarlaşmak üçin: e-poçta {_MAIL_LINK}, {_CHANNELS}.</p>",
    "ru": f"<p>Контакты: электронная почта {_MAIL_LINK}, {_CHANNELS}.</p>",
    "tr": f"<p>İletişim: e-posta {_MAIL_LINK}, {_CHANNELS}.</p>",
    "en": f"<p>Contacts: e-mail {_MAIL_LINK}, {_CHANNELS}.</p>",
}

FOUNDING_ARTICLE = NewsArticle(
    date=datetime.date(2025, 3, 3),
    illustration="founding",
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

PASSPORT_AMNESTY_ARTICLE = NewsArticle(
    date=datetime.date(2025, 4, 14),
    illustration="passport",
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
                    f"bize {_MAIL_LINK} salgysyna ýazmaga çagyrýar. Biz şeýle ýagdaýa düşen adamlar bilen "
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
                    f"написать нам на {_MAIL_LINK}. Мы поддерживаем связь с людьми, оказавшимися в такой "
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
                    f"{_MAIL_LINK} adresine yazmaya davet ediyor. Bu durumdaki insanlarla iletişimde "
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
                    f"write to us at {_MAIL_LINK}. We stay in touch with people in this situation and work "
                    "with lawyers and human-rights defenders to help them.</p>"
                ),
            ),
        ),
    },
)

FREEDOM_OF_MOVEMENT_ARTICLE = NewsArticle(
    date=datetime.date(2025, 5, 19),
    illustration="movement",
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
                    f"size hem degişli bolsa, bize ýazyň: {_MAIL_LINK}.</p>"
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
                    f"нам: {_MAIL_LINK}.</p>"
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
                    f"bize yazın: {_MAIL_LINK}.</p>"
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
                    f"write to us: {_MAIL_LINK}.</p>"
                ),
            ),
        ),
    },
)

NEWS_ARTICLES = (FOUNDING_ARTICLE, PASSPORT_AMNESTY_ARTICLE, FREEDOM_OF_MOVEMENT_ARTICLE)


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
}
