"""Demo content of the contact app, built by manage.py seed_demo: the contact page and the
"Ask for help" page in four languages, both linked to the privacy policy.

Idempotent: the pages are found by their slugs under each home page; running seed_demo
again changes nothing. No help request or message is made: those only come from people.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ContactText:
    title: str
    intro: str
    safety_warning: str
    thank_you: str
    slug: str = "contact"


@dataclass(frozen=True)
class HelpText:
    title: str
    intro: str
    safety_warning: str
    next_steps: str
    slug: str = "help"


CONTACT_PAGE = {
    "tk": ContactText(
        title="Habarlaşmak",
        intro=(
            "Umumy soraglar, metbugat, hyzmatdaş aklawçylar we guramalar üçin. Özüňize ýa-da "
            "ýakynlaryňyza kömek gerek bolsa, «Kömek soraň» sahypasyny ulanyň: ol has gowy goralýar."
        ),
        safety_warning=(
            "Hatyňyz HHD-niň işgärlerine gelýär we şifrlenip saklanýar. Howpsuzlygyňyz üçin alada edýän "
            "bolsaňyz, diňe özüňiziň ulanýan enjamyňyzdan ýazyň."
        ),
        thank_you="Hatyňyz üçin sag boluň. Size e-poçta arkaly jogap bereris.",
    ),
    "ru": ContactText(
        title="Связаться с нами",
        intro=(
            "Общие вопросы, пресса, юристы и организации-партнёры. Если помощь нужна вам или вашим "
            "близким, воспользуйтесь страницей «Попросить о помощи»: она защищена лучше."
        ),
        safety_warning=(
            "Ваше сообщение получат сотрудники HHD, оно хранится в зашифрованном виде. Если вы "
            "беспокоитесь о своей безопасности, пишите только с устройства, которым пользуетесь вы один."
        ),
        thank_you="Спасибо за ваше сообщение. Мы ответим вам по электронной почте.",
    ),
    "tr": ContactText(
        title="İletişim",
        intro=(
            "Genel sorular, basın, ortak avukatlar ve kuruluşlar için. Sizin ya da yakınlarınızın yardıma "
            "ihtiyacı varsa «Yardım isteyin» sayfasını kullanın: o sayfa daha iyi korunur."
        ),
        safety_warning=(
            "Mesajınız HHD çalışanlarına ulaşır ve şifrelenerek saklanır. Güvenliğinizden endişe "
            "ediyorsanız yalnızca sizin kullandığınız bir cihazdan yazın."
        ),
        thank_you="Mesajınız için teşekkür ederiz. Size e-posta ile cevap vereceğiz.",
    ),
    "en": ContactText(
        title="Contact",
        intro=(
            "General questions, press, partner lawyers and organisations. If you or your family need help, "
            "please use the “Ask for help” page instead: it is better protected."
        ),
        safety_warning=(
            "Your message reaches HHD's staff and is stored encrypted. If you worry about your safety, write "
            "only from a device that you alone use."
        ),
        thank_you="Thank you for your message. We will answer you by e-mail.",
    ),
}

HELP_PAGE = {
    "tk": HelpText(
        title="Kömek soraň",
        intro=(
            "Pasportyňyzyň möhleti geçen bolsa, ýaşaýyş rugsadyny alyp bilmeýän bolsaňyz, işiňizi ýa-da "
            "ýaşaýan ýeriňizi ýitiren bolsaňyz ýa-da garyndaşyňyz deportasiýa merkezinde saklanýan bolsa, "
            "bize ýazyň. Hakyky adyňyzy ýazmak hökman däl."
        ),
        safety_warning=(
            "Diňe özüňiziň ulanýan telefonyňyzdan ýa-da kompýuteriňizden ýazyň. Başga biriniň okap "
            "biljek e-poçtasyny ýa-da belgisini bermäň. Kimdir biri ýakynlaşsa, «Bu sahypadan çalt çykyň» "
            "düwmesine basyň."
        ),
        next_steps=(
            "Işgärimiz haýyşyňyzy okar we saýlan ýoluňyz arkaly, saýlan diliňizde siz bilen habarlaşar. "
            "Bu birnäçe gün alyp biler; gyssagly haýyşlara ilki seredilýär. Biz sizden hiç haçan pul "
            "ýa-da parol soramaýarys."
        ),
    ),
    "ru": HelpText(
        title="Попросить о помощи",
        intro=(
            "Напишите нам, если у вас истёк паспорт, вы не можете получить вид на жительство, потеряли "
            "работу или жильё или ваш родственник находится в депортационном центре. Настоящее имя "
            "указывать не обязательно."
        ),
        safety_warning=(
            "Пишите только с телефона или компьютера, которым пользуетесь вы один. Не указывайте почту "
            "или номер, которые может читать кто-то другой. Если кто-то подходит, нажмите «Быстро "
            "покинуть страницу»."
        ),
        next_steps=(
            "Наш сотрудник прочитает ваш запрос и свяжется с вами выбранным способом, на выбранном "
            "языке. Это может занять несколько дней; срочные запросы рассматриваются первыми. Мы никогда "
            "не просим денег или паролей."
        ),
    ),
    "tr": HelpText(
        title="Yardım isteyin",
        intro=(
            "Pasaportunuzun süresi dolduysa, ikamet izni alamıyorsanız, işinizi ya da evinizi "
            "kaybettiyseniz veya bir yakınınız geri gönderme merkezinde tutuluyorsa bize yazın. Gerçek "
            "adınızı vermek zorunda değilsiniz."
        ),
        safety_warning=(
            "Yalnızca sizin kullandığınız bir telefondan veya bilgisayardan yazın. Başkasının "
            "okuyabileceği bir e-posta ya da numara vermeyin. Biri yaklaşırsa «Bu sayfadan hemen çıkın» "
            "düğmesine basın."
        ),
        next_steps=(
            "Bir çalışanımız talebinizi okur ve seçtiğiniz yoldan, seçtiğiniz dilde sizinle iletişime "
            "geçer. Bu birkaç gün sürebilir; acil talepler önce ele alınır. Sizden asla para ya da "
            "şifre istemeyiz."
        ),
    ),
    "en": HelpText(
        title="Ask for help",
        intro=(
            "Write to us if your passport has expired, you cannot get a residence permit, you lost your work "
            "or your home, or a relative is held in a deportation centre. You do not have to give your "
            "real name."
        ),
        safety_warning=(
            "Write only from a phone or computer that you alone use. Do not give an e-mail address or a "
            "number that someone else can read. If someone comes near, press “Leave this page quickly”."
        ),
        next_steps=(
            "A caseworker reads your request and contacts you the way you chose, in the language you chose. "
            "This can take a few days; urgent requests come first. We never ask you for money or passwords."
        ),
    ),
}


def build_demo(demo):
    """Build this app's pages under ``demo.homes``; return lines for seed_demo's report."""
    from home.management.commands.seed_demo import DEFAULT_LANGUAGE, child_page, publish, translations_of

    from .models import ContactPage, HelpRequestPage

    home = demo.homes[DEFAULT_LANGUAGE]
    contact_pages = translations_of(
        child_page(home, ContactPage, CONTACT_PAGE[DEFAULT_LANGUAGE]), demo.locales
    )
    for code, page in contact_pages.items():
        text = CONTACT_PAGE[code]
        publish(
            page,
            title=text.title,
            slug=text.slug,
            intro=text.intro,
            safety_warning=text.safety_warning,
            thank_you_text=text.thank_you,
            privacy_page=demo.privacies[code],
            show_in_menus=True,
        )
    help_pages = translations_of(child_page(home, HelpRequestPage, HELP_PAGE[DEFAULT_LANGUAGE]), demo.locales)
    for code, page in help_pages.items():
        text = HELP_PAGE[code]
        publish(
            page,
            title=text.title,
            slug=text.slug,
            intro=text.intro,
            safety_warning=text.safety_warning,
            next_steps=text.next_steps,
            privacy_page=demo.privacies[code],
            show_in_menus=True,
        )
    return [f"  Contact and help pages: {', '.join(help_pages)}"]
