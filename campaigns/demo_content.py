"""The passport amnesty appeal ("Pasport Amnistiýasy") in four languages, built by manage.py seed_demo.

Facts only from the founding article (../shared/content): Turkmen citizens abroad cannot
renew their passports, so they cannot get residence permits, work, treatment or schooling,
and some spend months in deportation centres while the consulates do not answer.
"""

import datetime
from dataclasses import dataclass

DEFAULT_LANGUAGE = "tk"
GOAL = 10_000
APPEAL_PUBLISHED = datetime.date(2025, 4, 14)


@dataclass(frozen=True)
class CampaignText:
    title: str
    slug: str
    lead: str
    addressee: str
    appeal: str
    email_subject: str
    update: str


PASSPORT_AMNESTY = {
    "tk": CampaignText(
        title="Pasport amnistiýasy",
        slug="pasport-amnistiyasy",
        lead=(
            "Daşary ýurtlarda ýaşaýan türkmen raýatlaryna möhleti geçen pasportlaryny täzelemäge mümkinçilik "
            "beriň: şonda olar ýaşaýyş rugsadyny alyp, işläp, okap we deportasiýa merkezlerinden daşda "
            "durup bilerler."
        ),
        addressee="Türkmenistanyň häkimiýetlerine",
        appeal=(
            "<p>Diňe Türkiýede ýarym milliondan gowrak türkmen raýaty ýaşaýar. Olaryň ýüzmüňlerçesi "
            "pasportyny çalşyp bilmeýär, şonuň üçin ýaşaýyş rugsadyny alyp bilmeýär, kanuny işläp, bejergi "
            "alyp ýa-da okap bilmeýär. Käbirleri deportasiýa merkezlerinde aýlap saklanýar, konsullyklar "
            "bolsa jaň edilende jogap bermeýär.</p>"
            "<p>Biz talap edýäris:</p>"
            "<ol><li>daşary ýurtdaky her bir türkmen raýatyna, Türkmenistana gaýtmazdan, pasportyny "
            "konsullykda täzelemäge rugsat berilmegini;</li>"
            "<li>möhleti geçen pasportlar üçin jerimesiz we şertsiz amnistiýa yglan edilmegini;</li>"
            "<li>konsullyklaryň raýatlaryň we deportasiýa merkezleriniň ýüzlenmelerine jogap "
            "bermegini.</li></ol>"
        ),
        email_subject="E-poçta salgyňyzy tassyklaň",
        update="Hukuk goraýjylar «Türkmen Pasport Amnistiýasy» ýüzlenmesini çap etdiler.",
    ),
    "ru": CampaignText(
        title="Паспортная амнистия",
        slug="pasportnaya-amnistiya",
        lead=(
            "Дайте гражданам Туркменистана за рубежом обновить просроченные паспорта — чтобы они могли "
            "получить вид на жительство, работать, учиться и не попадать в депортационные центры."
        ),
        addressee="Властям Туркменистана",
        appeal=(
            "<p>Только в Турции живут более полумиллиона граждан Туркменистана. Сотни тысяч из них не могут "
            "обменять паспорт, а значит, не могут получить вид на жительство, легально работать, лечиться и "
            "учиться. Некоторые месяцами находятся в депортационных центрах, а консульства не отвечают на "
            "звонки.</p>"
            "<p>Мы требуем:</p>"
            "<ol><li>дать каждому гражданину Туркменистана за рубежом возможность обновить паспорт в "
            "консульстве, не возвращаясь в Туркменистан;</li>"
            "<li>объявить амнистию для просроченных паспортов — без штрафов и условий;</li>"
            "<li>обязать консульства отвечать на обращения граждан и депортационных центров.</li></ol>"
        ),
        email_subject="Подтвердите адрес электронной почты",
        update="Правозащитники опубликовали обращение «Türkmen Pasport Amnistiýasy».",
    ),
    "tr": CampaignText(
        title="Pasaport affı",
        slug="pasaport-affi",
        lead=(
            "Yurt dışındaki Türkmenistan vatandaşlarının süresi dolmuş pasaportlarını yenilemesine izin "
            "verin: böylece ikamet izni alabilir, çalışabilir, okuyabilir ve geri gönderme merkezlerinden "
            "uzak durabilirler."
        ),
        addressee="Türkmenistan makamlarına",
        appeal=(
            "<p>Yalnızca Türkiye'de yarım milyondan fazla Türkmenistan vatandaşı yaşıyor. Yüz binlercesi "
            "pasaportunu değiştiremiyor; bu yüzden ikamet izni alamıyor, yasal olarak çalışamıyor, tedavi "
            "göremiyor ve okuyamıyor. Bazıları aylarca geri gönderme merkezlerinde kalıyor, konsolosluklar "
            "ise telefonlara cevap vermiyor.</p>"
            "<p>Talep ediyoruz:</p>"
            "<ol><li>yurt dışındaki her Türkmenistan vatandaşına, ülkeye dönmeden pasaportunu konsoloslukta "
            "yenileme imkânı verilmesini;</li>"
            "<li>süresi dolmuş pasaportlar için cezasız ve koşulsuz bir af ilan edilmesini;</li>"
            "<li>konsoloslukların vatandaşların ve geri gönderme merkezlerinin başvurularına cevap "
            "vermesini.</li></ol>"
        ),
        email_subject="E-posta adresinizi onaylayın",
        update="İnsan hakları savunucuları “Türkmen Pasport Amnistiýasy” çağrısını yayımladı.",
    ),
    "en": CampaignText(
        title="Passport amnesty",
        slug="passport-amnesty",
        lead=(
            "Let Turkmen citizens abroad renew their expired passports, so that they can get residence "
            "permits, work, study and stay out of deportation centres."
        ),
        addressee="To the authorities of Turkmenistan",
        appeal=(
            "<p>More than half a million Turkmen citizens live in Türkiye alone. Hundreds of thousands of "
            "them cannot exchange their passports, so they cannot get a residence permit, work legally, see "
            "a doctor or study. Some are held in deportation centres for months, while the consulates do "
            "not answer the phone.</p>"
            "<p>We demand:</p>"
            "<ol><li>that every Turkmen citizen abroad may renew their passport at a consulate, without "
            "returning to Turkmenistan;</li>"
            "<li>an amnesty for expired passports, without fines or conditions;</li>"
            "<li>that the consulates answer citizens and deportation centres.</li></ol>"
        ),
        email_subject="Please confirm your e-mail address",
        update="Human-rights defenders published the appeal “Türkmen Pasport Amnistiýasy”.",
    ),
}


def build_demo(demo):
    """Create or update the appeal under each home page and link the passport statement to it."""
    from home import demo_content as home_content
    from home.management.commands.seed_demo import child_page, publish, translations_of
    from news import demo_content as news_content

    from .models import CampaignPage, CampaignUpdate

    home = demo.homes[DEFAULT_LANGUAGE]
    source = child_page(home, CampaignPage, PASSPORT_AMNESTY[DEFAULT_LANGUAGE], lead="", appeal="")
    pages = translations_of(source, demo.locales)
    for code, page in pages.items():
        text = PASSPORT_AMNESTY[code]
        page = publish(
            page,
            title=text.title,
            slug=text.slug,
            lead=text.lead,
            addressee=text.addressee,
            appeal=text.appeal,
            email_subject=text.email_subject,
            goal=GOAL,
            image=demo.images["passport"],
            image_alt=home_content.ILLUSTRATIONS["passport"].alt_text[code],
            privacy_page=demo.privacies[code],
            show_in_menus=True,
        )
        pages[code] = page
        if not page.updates.exists():
            # Through a revision, so that the update is part of what editors see and publish.
            page.updates = [CampaignUpdate(locale=page.locale, date=APPEAL_PUBLISHED, text=text.update)]
            page.save_revision().publish()
    statement_pages = demo.pages_of_article(news_content.PASSPORT_AMNESTY_STATEMENT)
    for code, statement in statement_pages.items():
        publish(statement, campaign=pages[code])
    return [f"  Campaign: {PASSPORT_AMNESTY['en'].title}, in {len(pages)} languages"]
